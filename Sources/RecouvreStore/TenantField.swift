/// A setting of the tenant's row in `recouvre.tenants` that operators change.
public enum TenantField: String, Sendable, CaseIterable, Hashable {
    case displayName, timezone, locale, emailFrom, smtpURL

    /// The fields `clear` may name, and what clearing gives back: the daemon's default.
    /// The display name is never cleared: a tenant always has one.
    public static let clearable: [TenantField] = [.timezone, .locale, .emailFrom, .smtpURL]

    /// The column that holds it.
    var column: String {
        switch self {
        case .displayName: "display_name"
        case .timezone: "timezone"
        case .locale: "locale"
        case .emailFrom: "email_from"
        case .smtpURL: "smtp_url"
        }
    }

    /// What the column holds once cleared: the default every new tenant gets.
    var clearedValue: String? {
        switch self {
        case .timezone: "Europe/Paris"
        case .locale: "fr"
        case .displayName, .emailFrom, .smtpURL: nil
        }
    }
}
