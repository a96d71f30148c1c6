/// Reads amounts and dates as the file's convention writes them, into the plain forms the
/// database takes (`1234.56`, `2026-02-28`). Money never goes through a binary floating point.
public enum ValueParsing {
    /// The most digits before the decimal point an amount may have (numeric(14, 2)).
    public static let maxIntegerDigits = 12

    /// A non-negative amount with at most two decimals, as `1234.56` (or `1234`), or a
    /// sentence saying what is wrong.
    ///
    /// French: a comma before the decimals; spaces, no-break spaces (U+00A0), narrow no-break
    /// spaces (U+202F) or dots between groups of thousands. International: a dot before the
    /// decimals; commas, spaces or apostrophes between thousands. A currency sign or code
    /// around the amount (`€`, `EUR`) is not accepted: the currency has its own column.
    public static func amount(_ text: String, _ convention: CSVConvention) -> Result<String, ValueError> {
        // Unicode scalars and ASCII bytes rather than Characters: this runs for every amount
        // of a file of a million lines.
        let decimalMark: Unicode.Scalar = convention == .french ? "," : "."
        let groupMarks: [Unicode.Scalar] = convention == .french
            ? [" ", "\u{00A0}", "\u{202F}", "."]
            : [",", " ", "\u{00A0}", "\u{202F}", "'"]
        var integer: [UInt8] = [], fraction: [UInt8] = []
        var seenMark = false, negative = false
        var groups: [Int] = []
        var run = 0
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if scalar == "-", index == 0 {
                negative = true
            } else if ("0"..."9").contains(scalar) {
                if seenMark { fraction.append(UInt8(scalar.value)) } else { integer.append(UInt8(scalar.value)); run += 1 }
            } else if scalar == decimalMark, !seenMark {
                seenMark = true
            } else if groupMarks.contains(scalar), !seenMark, !integer.isEmpty {
                groups.append(run)
                run = 0
            } else {
                return .failure(ValueError("\(quoted(text)) is not an amount (write it as \(convention.amountExample))"))
            }
        }
        // Thousands separators must separate groups of three: `1 23,4` is a typing slip.
        if !groups.isEmpty, groups.dropFirst().contains(where: { $0 != 3 }) || run != 3 || groups[0] > 3 {
            return .failure(ValueError("\(quoted(text)) is not an amount: groups of thousands must have three digits (write it as \(convention.amountExample))"))
        }
        guard !integer.isEmpty || !fraction.isEmpty, !(seenMark && fraction.isEmpty) else {
            return .failure(ValueError("\(quoted(text)) is not an amount (write it as \(convention.amountExample))"))
        }
        if negative { return .failure(ValueError("\(quoted(text)) is negative: amounts must be positive")) }
        guard fraction.count <= 2 else {
            return .failure(ValueError("\(quoted(text)) has more than two decimals"))
        }
        let digits = integer.drop { $0 == UInt8(ascii: "0") }
        guard digits.count <= maxIntegerDigits else {
            return .failure(ValueError("\(quoted(text)) is too large (at most \(maxIntegerDigits) digits before the decimals)"))
        }
        let whole = digits.isEmpty ? "0" : String(decoding: digits, as: UTF8.self)
        return .success(fraction.isEmpty ? whole : whole + "." + String(decoding: fraction, as: UTF8.self))
    }

    /// A calendar date as `yyyy-mm-dd`, or a sentence saying what is wrong. French files may
    /// write `dd/mm/yyyy` (or `dd-mm-yyyy`, `dd.mm.yyyy`) or ISO; international ones ISO only,
    /// since `03/04/2026` means two different days on either side of the Atlantic.
    public static func date(_ text: String, _ convention: CSVConvention) -> Result<String, ValueError> {
        let bytes = Array(text.utf8)
        var parts: (year: Int, month: Int, day: Int)?
        if bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") {
            if let y = number(bytes[0..<4]), let m = number(bytes[5..<7]), let d = number(bytes[8..<10]) { parts = (y, m, d) }
        } else if convention == .french, bytes.count == 10, bytes[2] == bytes[5],
                  [UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: ".")].contains(bytes[2]) {
            if let d = number(bytes[0..<2]), let m = number(bytes[3..<5]), let y = number(bytes[6..<10]) { parts = (y, m, d) }
        }
        guard let (year, month, day) = parts else {
            return .failure(ValueError("\(quoted(text)) is not a date (\(convention.datePattern))"))
        }
        guard year >= 1900, year <= 2999, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else {
            return .failure(ValueError("\(quoted(text)) is not a date: there is no such day"))
        }
        return .success("\(year)-\(pad(month))-\(pad(day))")
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// A value in quotes, cut if long, for messages.
    static func quoted(_ text: String) -> String {
        "\"" + (text.count > 40 ? String(text.prefix(40)) + "…" : text) + "\""
    }
}

/// Why a value could not be read, as a sentence for the person who fixes the file.
public struct ValueError: Error, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
