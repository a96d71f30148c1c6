/// Parameters of `SetTenant`: fields given are set, fields named in `clear` go back to the
/// daemon's default, the others keep their value.
public struct SetTenantParameters: Codable, Sendable, Equatable {
    /// The tenant to change; its slug and schema never change.
    public var slug: String
    /// New name shown to people.
    public var displayName: String?
    /// New IANA time zone.
    public var timezone: String?
    /// New locale, `fr` or `en`.
    public var locale: String?
    /// New sender address.
    public var emailFrom: String?
    /// New SMTP relay.
    public var smtpURL: String?
    /// Settings to clear, by these names: see ``clearable``.
    public var clear: [String]?

    /// The settings `clear` may name: `timezone` (back to Europe/Paris), `locale` (fr),
    /// `emailFrom` and `smtpURL` (the daemon's defaults).
    public static let clearable = ["timezone", "locale", "emailFrom", "smtpURL"]

    /// Builds the parameters.
    public init(slug: String, displayName: String? = nil, timezone: String? = nil, locale: String? = nil,
                emailFrom: String? = nil, smtpURL: String? = nil, clear: [String]? = nil) {
        self.slug = slug
        self.displayName = displayName
        self.timezone = timezone
        self.locale = locale
        self.emailFrom = emailFrom
        self.smtpURL = smtpURL
        self.clear = clear
    }

    /// Whether nothing would change.
    public var isEmpty: Bool {
        displayName == nil && timezone == nil && locale == nil && emailFrom == nil && smtpURL == nil && (clear ?? []).isEmpty
    }
}
