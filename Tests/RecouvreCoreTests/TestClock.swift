import Foundation
import Testing

/// Instants written the way a reader thinks of them, in UTC.
enum UTC {
    /// `2026-03-30T06:00:00Z`-style text to a `Date`.
    static func date(_ text: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return try #require(formatter.date(from: text), "bad test instant \(text)")
    }

    static func zone(_ identifier: String) throws -> TimeZone {
        try #require(TimeZone(identifier: identifier), "unknown zone \(identifier)")
    }
}
