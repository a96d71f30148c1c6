import Foundation

/// A value that can be bound as a query parameter.
///
/// Parameters travel in text format with type OID 0, so the server infers the type from the
/// statement; add a cast (`$1::numeric`, `$1::jsonb`) where it cannot.
public protocol PostgresEncodable: Sendable {
    /// The value as PostgreSQL's input function for the target type reads it.
    var postgresText: String { get }
}

extension String: PostgresEncodable {
    public var postgresText: String { self }
}

extension Int: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Int32: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Int64: PostgresEncodable {
    public var postgresText: String { String(self) }
}

extension Bool: PostgresEncodable {
    public var postgresText: String { self ? "t" : "f" }
}

extension Decimal: PostgresEncodable {
    /// Exact decimal text with a `.` separator whatever the process locale, e.g. `1234.56`.
    public var postgresText: String { description }
}

extension Date: PostgresEncodable {
    /// `timestamptz` input: ISO 8601 in UTC with microseconds, `2026-01-02T03:04:05.123456Z`.
    public var postgresText: String { TimestampText.format(self) }
}

extension PostgresDate: PostgresEncodable {
    public var postgresText: String { description }
}

extension UUID: PostgresEncodable {
    public var postgresText: String { uuidString.lowercased() }
}

extension PostgresJSON: PostgresEncodable {
    public var postgresText: String { text }
}

extension Array: PostgresEncodable where Element: PostgresEncodable {
    /// An array literal with every element quoted and escaped, so commas, quotes, braces,
    /// backslashes and the word NULL inside elements survive. Nested arrays become
    /// multi-dimensional literals (PostgreSQL requires them to be rectangular).
    public var postgresText: String {
        ArrayLiteral.format(map { ($0.postgresText, $0 is any PostgresArrayLiteralElement) })
    }
}

/// Marks array types so that an array of arrays is written as a multi-dimensional literal
/// rather than as an array of quoted strings.
protocol PostgresArrayLiteralElement {}

extension Array: PostgresArrayLiteralElement {}
