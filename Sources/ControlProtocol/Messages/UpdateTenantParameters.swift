/// Parameters of `UpdateTenant`: absent fields keep their value.
public struct UpdateTenantParameters: Codable, Sendable, Equatable {
    /// The tenant to change.
    public var slug: String
    /// New name shown to people.
    public var displayName: String?
    /// New IANA time zone.
    public var timezone: String?
    /// New locale, `fr` or `en`.
    public var locale: String?
    /// New sender address.
    public var emailFrom: String?
    /// New SMTP server.
    public var smtpURL: String?

    /// Builds the parameters.
    public init(
        slug: String, displayName: String? = nil, timezone: String? = nil, locale: String? = nil,
        emailFrom: String? = nil, smtpURL: String? = nil
    ) {
        self.slug = slug
        self.displayName = displayName
        self.timezone = timezone
        self.locale = locale
        self.emailFrom = emailFrom
        self.smtpURL = smtpURL
    }

    /// Whether no field would change.
    public var isEmpty: Bool {
        displayName == nil && timezone == nil && locale == nil && emailFrom == nil && smtpURL == nil
    }
}
