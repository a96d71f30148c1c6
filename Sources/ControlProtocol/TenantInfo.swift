/// The varlink type `Tenant`: one creditor using the service.
public struct TenantInfo: Codable, Sendable, Equatable {
    /// Identifier matching `^[a-z][a-z0-9_]{1,39}$`; the schema is `tenant_<slug>`.
    public var slug: String
    /// Name shown to people.
    public var displayName: String
    /// `active` or `paused`.
    public var status: String
    /// IANA time zone, e.g. `Europe/Paris`.
    public var timezone: String
    /// `fr` or `en`.
    public var locale: String
    /// Sender address overriding the daemon's default.
    public var emailFrom: String?
    /// SMTP server overriding the daemon's default.
    public var smtpURL: String?
    /// Last tenant migration applied to its schema.
    public var schemaVersion: Int
    /// When the tenant was created (ISO 8601).
    public var createdAt: String

    /// Builds a tenant description.
    public init(
        slug: String, displayName: String, status: String, timezone: String, locale: String,
        emailFrom: String? = nil, smtpURL: String? = nil, schemaVersion: Int, createdAt: String
    ) {
        self.slug = slug
        self.displayName = displayName
        self.status = status
        self.timezone = timezone
        self.locale = locale
        self.emailFrom = emailFrom
        self.smtpURL = smtpURL
        self.schemaVersion = schemaVersion
        self.createdAt = createdAt
    }

    /// Encodes every field, absent optionals as `null`, so that `--json` output keeps one shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(slug, forKey: .slug)
        try c.encode(displayName, forKey: .displayName)
        try c.encode(status, forKey: .status)
        try c.encode(timezone, forKey: .timezone)
        try c.encode(locale, forKey: .locale)
        try c.encode(emailFrom, forKey: .emailFrom)
        try c.encode(smtpURL, forKey: .smtpURL)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(createdAt, forKey: .createdAt)
    }
}
