import Foundation

/// The text of a `json` or `jsonb` value.
///
/// Bind it as a parameter (cast with `$1::jsonb` where the server cannot infer the type) or
/// decode a column into it, then into a `Decodable` type.
public struct PostgresJSON: Sendable, Hashable {
    /// The JSON document as text.
    public let text: String

    /// Wraps JSON text as is; the server validates it when it is bound.
    public init(text: String) {
        self.text = text
    }

    /// Encodes `value` with `JSONEncoder` (keys sorted so equal values give equal text).
    public init<T: Encodable>(encoding value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes the document with `JSONDecoder`.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
