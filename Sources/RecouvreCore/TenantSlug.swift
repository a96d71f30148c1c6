/// A validated tenant slug, matching `^[a-z][a-z0-9_]{1,39}$`.
///
/// Each tenant lives in its own PostgreSQL schema, `tenant_<slug>`. The rule keeps the schema name
/// a plain lowercase identifier well under PostgreSQL's 63-byte limit; it is still quoted wherever
/// it is used in SQL.
public struct TenantSlug: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The slug text, e.g. `acme`.
    public let rawValue: String

    /// Validates `raw` against the slug rule.
    public init(_ raw: String) throws(InvalidSlug) {
        let bytes = Array(raw.utf8)
        guard bytes.count >= 2 else {
            throw InvalidSlug(slug: raw, reason: "it is shorter than 2 characters")
        }
        guard bytes.count <= 40 else {
            throw InvalidSlug(slug: raw, reason: "it is longer than 40 characters")
        }
        guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            throw InvalidSlug(slug: raw, reason: "it does not start with a lowercase letter a-z")
        }
        for byte in bytes.dropFirst() where !Self.isAllowedTail(byte) {
            throw InvalidSlug(slug: raw, reason: "it contains a character other than a-z, 0-9 or _")
        }
        self.rawValue = raw
    }

    /// The tenant's schema name, e.g. `tenant_acme`.
    public var schemaName: String { "tenant_" + rawValue }

    /// The schema name quoted as an SQL identifier, e.g. `"tenant_acme"`.
    ///
    /// The slug rule excludes quotes, so no escaping is needed; quoting still guards against
    /// reserved words.
    public var quotedSchema: String { "\"" + schemaName + "\"" }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        do {
            try self.init(raw)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    private static func isAllowedTail(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "_")
    }
}
