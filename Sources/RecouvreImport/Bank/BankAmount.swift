import Foundation

/// Exact amounts and calendar days as bank files write them.
enum BankAmount {
    /// `1234.56` as an exact decimal: digits, optionally a dot and decimals; nothing else.
    static func decimal(_ text: String) -> Decimal? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              text.count <= 30 else { return nil }
        let digits = parts.joined()
        let decimals = parts.count == 2 ? parts[1].count : 0
        return scaled(digits: digits, decimals: decimals)
    }

    /// An integer written in `digits`, divided by 10^`decimals`, computed in base ten.
    static func scaled(digits: String, decimals: Int) -> Decimal? {
        guard let significand = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        return Decimal(sign: .plus, exponent: -decimals, significand: significand)
    }

    /// Whether `text` is a real calendar day written `YYYY-MM-DD`.
    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return isDay(year: year, month: month, day: day)
    }

    static func isDay(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}

extension Character {
    /// 0 to 9 in ASCII, nothing else.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
