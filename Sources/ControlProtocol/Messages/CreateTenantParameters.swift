/// Parameters of `CreateTenant`.
public struct CreateTenantParameters: Codable, Sendable, Equatable {
    /// The new tenant's slug.
    public var slug: String
    /// Name shown to people.
    public var displayName: String
    /// IANA time zone; the daemon's default when absent.
    public var timezone: String?
    /// `fr` or `en`; the daemon's default when absent.
    public var locale: String?
    /// Sender address; the daemon's default when absent.
    public var emailFrom: String?
    /// SMTP server; the daemon's default when absent.
    public var smtpURL: String?
    /// Gives the slug of a dropped tenant to this new one; without it, such a slug is refused
    /// with `TenantDropped`.
    public var reuseDroppedSlug: Bool?

    /// Builds the parameters.
    public init(
        slug: String, displayName: String, timezone: String? = nil, locale: String? = nil,
        emailFrom: String? = nil, smtpURL: String? = nil, reuseDroppedSlug: Bool? = nil
    ) {
        self.slug = slug
        self.displayName = displayName
        self.timezone = timezone
        self.locale = locale
        self.emailFrom = emailFrom
        self.smtpURL = smtpURL
        self.reuseDroppedSlug = reuseDroppedSlug
    }
}
