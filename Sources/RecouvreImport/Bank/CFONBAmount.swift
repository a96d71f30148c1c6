import Foundation

/// CFONB 120 amounts: 14 characters, the last a letter that carries both the last digit and
/// the sign (`{ABCDEFGHI` are +0 to +9, `}JKLMNOPQR` are −0 to −9), with the number of
/// decimals given elsewhere on the record.
enum CFONBAmount {
    private static let positive = Array("{ABCDEFGHI")
    private static let negative = Array("}JKLMNOPQR")

    /// The signed amount, or nil when the field is not 13 digits and a sign letter.
    static func decode(_ field: Substring, decimals: Int) -> Decimal? {
        guard field.count == 14, let last = field.last, field.dropLast().allSatisfy(\.isASCIIDigit) else { return nil }
        let digit: Int
        let sign: FloatingPointSign
        if let index = positive.firstIndex(of: last) {
            (digit, sign) = (index, .plus)
        } else if let index = negative.firstIndex(of: last) {
            (digit, sign) = (index, .minus)
        } else {
            return nil
        }
        guard let magnitude = BankAmount.scaled(digits: String(field.dropLast()) + String(digit), decimals: decimals)
        else { return nil }
        return sign == .minus ? -magnitude : magnitude
    }

    /// The field for a signed amount, the inverse of ``decode(_:decimals:)``.
    static func encode(_ amount: Decimal, decimals: Int) -> String {
        var scaled = amount.magnitude
        for _ in 0..<decimals { scaled *= 10 }
        let digits = "\(scaled)".filter(\.isASCIIDigit)
        let padded = String(repeating: "0", count: max(0, 14 - digits.count)) + digits
        let last = Int(String(padded.last!))!
        return String(padded.dropLast()) + String((amount < 0 ? negative : positive)[last])
    }
}
