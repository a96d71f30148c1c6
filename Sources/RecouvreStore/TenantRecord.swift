import Foundation
import Postgres
import RecouvreCore

/// A creditor as the operator schema records it.
public struct TenantRecord: Sendable, Equatable {
    /// Whether the daemon works a tenant's actions.
    public enum Status: String, Sendable { case provisioning, active, paused }

    public let slug: TenantSlug
    public let displayName: String
    public let status: Status
    /// IANA zone the tenant's calendar uses when a debtor has none of its own.
    public let timezone: String
    public let locale: MessageLocale
    /// Sender address of the tenant's e-mails; the operator default applies when nil.
    public let emailFrom: String?
    /// The tenant's own SMTP relay URL; the operator default applies when nil.
    public let smtpURL: String?
    public let schemaVersion: Int
    public let createdAt: Date

    static let columns = "slug, display_name, status, timezone, locale, email_from, smtp_url, schema_version, created_at"

    init(row: PostgresRow) throws {
        slug = try TenantSlug(try row.decode(String.self, "slug"))
        displayName = try row.decode(String.self, "display_name")
        let statusText = try row.decode(String.self, "status")
        status = Status(rawValue: statusText) ?? .paused
        timezone = try row.decode(String.self, "timezone")
        locale = MessageLocale(rawValue: try row.decode(String.self, "locale")) ?? .fr
        emailFrom = try row.decodeIfPresent(String.self, "email_from")
        smtpURL = try row.decodeIfPresent(String.self, "smtp_url")
        schemaVersion = try row.decode(Int.self, "schema_version")
        createdAt = try row.decode(Date.self, "created_at")
    }
}
