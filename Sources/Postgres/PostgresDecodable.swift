import Foundation

/// A type that can be read from a result cell in text format.
///
/// NULL never reaches `decode(postgresText:)`: `PostgresRow` handles it, returning nil from its
/// optional overloads or throwing from the others.
public protocol PostgresDecodable: PostgresArrayElementDecodable {
    /// Parses the server's text for a non-NULL value; throws `PostgresError` of kind `.decoding`.
    static func decode(postgresText: String) throws -> Self
}

/// A type that can be an element of a decoded array, where elements may be NULL.
///
/// Every `PostgresDecodable` type is one and rejects NULL elements; `Optional` of such a type
/// is one too and turns NULL elements into nil, so `[String?]` reads `{a,NULL}`.
public protocol PostgresArrayElementDecodable {
    /// Decodes one array element; `nil` is an SQL NULL element.
    static func decode(arrayElement text: String?) throws -> Self
}

extension PostgresDecodable {
    public static func decode(arrayElement text: String?) throws -> Self {
        guard let text else {
            throw PostgresError.decoding("array contains NULL but \(Self.self) cannot hold it; decode an array of optionals instead")
        }
        return try decode(postgresText: text)
    }
}

extension Optional: PostgresArrayElementDecodable where Wrapped: PostgresArrayElementDecodable {
    public static func decode(arrayElement text: String?) throws -> Wrapped? {
        guard let text else { return nil }
        return try Wrapped.decode(arrayElement: text)
    }
}

private func mismatch<T>(_ text: String, _ type: T.Type, _ expected: String) -> PostgresError {
    .decoding("cannot read \(type) from \"\(text.prefix(100))\": expected \(expected)")
}

extension String: PostgresDecodable {
    public static func decode(postgresText: String) throws -> String { postgresText }
}

extension Int: PostgresDecodable {
    public static func decode(postgresText: String) throws -> Int {
        guard let value = Int(postgresText) else { throw mismatch(postgresText, Int.self, "an integer in range") }
        return value
    }
}

extension Int32: PostgresDecodable {
    public static func decode(postgresText: String) throws -> Int32 {
        guard let value = Int32(postgresText) else { throw mismatch(postgresText, Int32.self, "a 32-bit integer") }
        return value
    }
}

extension Int64: PostgresDecodable {
    public static func decode(postgresText: String) throws -> Int64 {
        guard let value = Int64(postgresText) else { throw mismatch(postgresText, Int64.self, "a 64-bit integer") }
        return value
    }
}

extension Bool: PostgresDecodable {
    public static func decode(postgresText: String) throws -> Bool {
        switch postgresText {
        case "t", "true": return true
        case "f", "false": return false
        default: throw mismatch(postgresText, Bool.self, "t or f")
        }
    }
}

extension Decimal: PostgresDecodable {
    /// Decimal holds 38 significant digits; a `numeric` with more is rejected rather than rounded.
    public static func decode(postgresText: String) throws -> Decimal {
        guard let significantDigits = DecimalText.significantDigits(postgresText) else {
            throw mismatch(postgresText, Decimal.self, "a finite decimal number (NaN and infinity are not amounts)")
        }
        guard significantDigits <= 38 else {
            throw PostgresError.decoding("cannot read Decimal from \"\(postgresText.prefix(100))\": \(significantDigits) significant digits, Decimal holds at most 38 exactly")
        }
        guard let value = Decimal(string: postgresText, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN else {
            throw mismatch(postgresText, Decimal.self, "a decimal number within Decimal's range")
        }
        return value
    }
}

extension Date: PostgresDecodable {
    /// Reads `timestamptz` as printed with `DateStyle = ISO` in any session time zone.
    public static func decode(postgresText: String) throws -> Date {
        guard let date = TimestampText.parse(postgresText) else {
            throw mismatch(postgresText, Date.self, "a timestamp such as 2026-01-02 03:04:05.123456+00 (infinity and BC dates are not supported)")
        }
        return date
    }
}

extension PostgresDate: PostgresDecodable {
    public static func decode(postgresText: String) throws -> PostgresDate {
        guard let date = PostgresDate(postgresText) else { throw mismatch(postgresText, PostgresDate.self, "a date YYYY-MM-DD") }
        return date
    }
}

extension UUID: PostgresDecodable {
    public static func decode(postgresText: String) throws -> UUID {
        guard let uuid = UUID(uuidString: postgresText) else { throw mismatch(postgresText, UUID.self, "a UUID") }
        return uuid
    }
}

extension PostgresJSON: PostgresDecodable {
    public static func decode(postgresText: String) throws -> PostgresJSON { PostgresJSON(text: postgresText) }
}

extension Array: PostgresArrayElementDecodable where Element: PostgresArrayElementDecodable {}

extension Array: PostgresDecodable where Element: PostgresArrayElementDecodable {
    /// Reads a one- or multi-dimensional array literal (`text[]`, `bigint[]`, `int[][]` …).
    public static func decode(postgresText: String) throws -> [Element] {
        try ArrayLiteral.parse(postgresText).map { try Element.decode(arrayElement: $0) }
    }
}

/// Strict syntax check for decimal text, because `Decimal(string:)` accepts a valid prefix
/// of garbage (`"12abc"` reads as 12).
enum DecimalText {
    /// The count of significant digits of `[+-]digits[.digits][e[+-]digits]`, or nil if the
    /// text is not of that form.
    static func significantDigits(_ text: String) -> Int? {
        var scalars = Array(text.utf8)[...]
        if scalars.first == UInt8(ascii: "-") || scalars.first == UInt8(ascii: "+") { scalars.removeFirst() }
        var mantissa = scalars
        if let e = scalars.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            mantissa = scalars[..<e]
            var exponent = scalars[(e + 1)...]
            if exponent.first == UInt8(ascii: "-") || exponent.first == UInt8(ascii: "+") { exponent.removeFirst() }
            guard !exponent.isEmpty, exponent.allSatisfy(isDigit) else { return nil }
        }
        let parts = mantissa.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let integer = parts[0]
        let fraction = parts.count > 1 ? parts[1] : []
        guard !(integer.isEmpty && fraction.isEmpty), integer.allSatisfy(isDigit), fraction.allSatisfy(isDigit) else { return nil }
        if parts.count > 1, fraction.isEmpty, integer.isEmpty { return nil }
        // Leading zeros of the whole number and trailing zeros of the fraction carry no precision.
        var digits = Array(integer) + Array(fraction)
        while digits.first == UInt8(ascii: "0") { digits.removeFirst() }
        var trailing = fraction.reversed().prefix { $0 == UInt8(ascii: "0") }.count
        trailing = min(trailing, digits.count)
        return digits.count - trailing
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
}
