/// A tenant slug that does not follow the naming rule.
public struct InvalidSlug: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rejected text, as given.
    public let slug: String
    /// Why it was rejected.
    public let reason: String

    /// Creates the error for `slug`, rejected because of `reason`.
    public init(slug: String, reason: String) {
        self.slug = slug
        self.reason = reason
    }

    public var description: String {
        "invalid tenant slug \"\(slug)\": \(reason); a slug is 2 to 40 characters, "
            + "starts with a lowercase letter a-z and continues with a-z, 0-9 or _ (e.g. \"acme\", \"acme_fr\")"
    }
}
