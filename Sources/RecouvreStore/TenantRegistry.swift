import Foundation
import Postgres
import RecouvreCore

/// Why a tenant operation was refused.
public enum TenantError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(slug: String)
    case exists(slug: String)
    case invalid(field: String, reason: String)
    /// Work in flight forbids the change; reason says what and what to do.
    case busy(slug: String, reason: String)
    /// The slug belonged to a tenant that was dropped; it is reused only when asked.
    case dropped(slug: String, displayName: String, droppedAt: Date, droppedBy: String)

    public var description: String {
        switch self {
        case .notFound(let slug): "tenant '\(slug)' does not exist"
        case .exists(let slug): "tenant '\(slug)' already exists"
        case .invalid(let field, let reason): "\(field): \(reason)"
        case .busy(_, let reason): reason
        case .dropped(let slug, let name, let at, let by):
            "the slug '\(slug)' belonged to '\(name)', dropped \(at.formatted(.iso8601)) by \(by)"
        }
    }
}

/// Settings of a tenant to create or change; nil leaves a setting as it is (or its default).
public struct TenantSettings: Sendable, Equatable {
    public var displayName: String?
    public var timezone: String?
    public var locale: MessageLocale?
    public var emailFrom: String?
    public var smtpURL: String?

    public init(displayName: String? = nil, timezone: String? = nil, locale: MessageLocale? = nil,
                emailFrom: String? = nil, smtpURL: String? = nil) {
        self.displayName = displayName
        self.timezone = timezone
        self.locale = locale
        self.emailFrom = emailFrom
        self.smtpURL = smtpURL
    }
}

/// Counts of a tenant's actions by state.
public struct ActionStateCounts: Sendable, Equatable {
    public var byState: [String: Int] = [:]
    public subscript(state: String) -> Int { byState[state] ?? 0 }
}

/// The tenant registry in `recouvre.tenants`: provisioning, settings, pause and resume.
public struct TenantRegistry: Sendable {
    public let migrator: Migrator

    public init(migrator: Migrator = Migrator()) { self.migrator = migrator }

    /// Creates a tenant and its schema in one transaction: either both exist afterwards or
    /// neither does.
    ///
    /// A slug that belonged to a dropped tenant is refused with ``TenantError/dropped(slug:displayName:droppedAt:droppedBy:)``
    /// unless `reuseDroppedSlug` says the operator means to give it to a new creditor.
    public func create(_ connection: PostgresConnection, slug: TenantSlug, settings: TenantSettings,
                       reuseDroppedSlug: Bool = false) throws -> TenantRecord {
        guard let name = settings.displayName, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw TenantError.invalid(field: "displayName", reason: "a tenant needs a display name (--name)")
        }
        try validate(settings)
        return try translatingConstraints(slug: slug) {
            try connection.transaction { c in
                let inserted = try c.query("""
                    INSERT INTO recouvre.tenants (slug, display_name, timezone, locale, email_from, smtp_url)
                    VALUES ($1, $2, coalesce($3, 'Europe/Paris'), coalesce($4, 'fr'), $5, $6)
                    ON CONFLICT (slug) DO NOTHING
                    """, [slug.rawValue, name, settings.timezone, settings.locale?.rawValue,
                          settings.emailFrom, settings.smtpURL])
                guard inserted.affectedRows == 1 else { throw TenantError.exists(slug: slug.rawValue) }
                let reused = try claimDroppedSlug(c, slug: slug, reuse: reuseDroppedSlug)
                try migrator.migrateTenantInTransaction(c, slug: slug)
                _ = try c.query("UPDATE recouvre.tenants SET status = 'active' WHERE slug = $1", [slug.rawValue])
                _ = try c.query(
                    "INSERT INTO recouvre.due_work (tenant) VALUES ($1) ON CONFLICT (tenant) DO NOTHING",
                    [slug.rawValue])
                var detail = ["name": name]
                if let reused { detail["reuses_slug_of"] = reused }
                try recordOperatorEvent(c, slug: slug, kind: "tenant_created", detail: detail)
                return try fetch(c, slug: slug)
            }
        }
    }

    /// Every tenant, by slug.
    public func list(_ connection: PostgresConnection) throws -> [TenantRecord] {
        try connection.query("SELECT \(TenantRecord.columns) FROM recouvre.tenants ORDER BY slug")
            .rows.map(TenantRecord.init(row:))
    }

    /// One tenant.
    public func get(_ connection: PostgresConnection, slug: TenantSlug) throws -> TenantRecord {
        try fetch(connection, slug: slug)
    }

    /// Changes the settings given; the others stay.
    public func update(_ connection: PostgresConnection, slug: TenantSlug, settings: TenantSettings) throws -> TenantRecord {
        try validate(settings)
        if let name = settings.displayName, name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw TenantError.invalid(field: "displayName", reason: "the display name cannot be blank")
        }
        return try translatingConstraints(slug: slug) {
            try connection.transaction { c in
                let updated = try c.query("""
                    UPDATE recouvre.tenants SET
                        display_name = coalesce($2, display_name),
                        timezone = coalesce($3, timezone),
                        locale = coalesce($4, locale),
                        email_from = coalesce($5, email_from),
                        smtp_url = coalesce($6, smtp_url),
                        updated_at = now()
                    WHERE slug = $1
                    """, [slug.rawValue, settings.displayName, settings.timezone, settings.locale?.rawValue,
                          settings.emailFrom, settings.smtpURL])
                guard updated.affectedRows == 1 else { throw TenantError.notFound(slug: slug.rawValue) }
                var changed: [String: String] = [:]
                if settings.displayName != nil { changed["display_name"] = "changed" }
                if let timezone = settings.timezone { changed["timezone"] = timezone }
                if let locale = settings.locale { changed["locale"] = locale.rawValue }
                if settings.emailFrom != nil { changed["email_from"] = "changed" }
                if settings.smtpURL != nil { changed["smtp_url"] = "changed" }
                try recordOperatorEvent(c, slug: slug, kind: "tenant_updated", detail: changed)
                return try fetch(c, slug: slug)
            }
        }
    }

    /// Stops the daemon from working this tenant's actions; they wait, nothing is lost.
    public func pause(_ connection: PostgresConnection, slug: TenantSlug) throws -> TenantRecord {
        try setStatus(connection, slug: slug, to: .paused, event: "tenant_paused")
    }

    /// Lets the daemon work this tenant again, starting with what became due meanwhile.
    public func resume(_ connection: PostgresConnection, slug: TenantSlug) throws -> TenantRecord {
        try setStatus(connection, slug: slug, to: .active, event: "tenant_resumed")
    }

    /// How many of the tenant's actions are in each state.
    public func actionCounts(_ connection: PostgresConnection, slug: TenantSlug) throws -> ActionStateCounts {
        _ = try fetch(connection, slug: slug)
        var counts = ActionStateCounts()
        for row in try connection.query(
            "SELECT state, count(*) AS n FROM \(slug.quotedSchema).actions GROUP BY state").rows {
            counts.byState[try row.decode(String.self, "state")] = try row.decode(Int.self, "n")
        }
        return counts
    }

    private func setStatus(_ connection: PostgresConnection, slug: TenantSlug, to status: TenantRecord.Status, event: String) throws -> TenantRecord {
        try connection.transaction { c in
            let updated = try c.query(
                "UPDATE recouvre.tenants SET status = $2, updated_at = now() WHERE slug = $1 AND status <> 'provisioning'",
                [slug.rawValue, status.rawValue])
            guard updated.affectedRows == 1 else {
                _ = try fetch(c, slug: slug)  // throws notFound when there is no such tenant
                throw TenantError.invalid(field: "status", reason: "tenant '\(slug)' is still being provisioned")
            }
            try recordOperatorEvent(c, slug: slug, kind: event, detail: [:])
            if status == .active {
                _ = try c.query("SELECT pg_notify('recouvre_due', $1)", [slug.rawValue])
            }
            return try fetch(c, slug: slug)
        }
    }

    func fetch(_ c: PostgresConnection, slug: TenantSlug) throws -> TenantRecord {
        guard let row = try c.query(
            "SELECT \(TenantRecord.columns) FROM recouvre.tenants WHERE slug = $1", [slug.rawValue]).first else {
            throw TenantError.notFound(slug: slug.rawValue)
        }
        return try TenantRecord(row: row)
    }

    private func recordOperatorEvent(_ c: PostgresConnection, slug: TenantSlug, kind: String, detail: [String: String]) throws {
        _ = try c.query(
            "INSERT INTO recouvre.operator_events (tenant, kind, detail) VALUES ($1, $2, $3)",
            [slug.rawValue, kind, try PostgresJSON(encoding: detail)])
    }

    /// Checks what can be checked without the database, with messages that say what to do.
    func validate(_ settings: TenantSettings) throws {
        if let timezone = settings.timezone, TimeZone(identifier: timezone) == nil {
            throw TenantError.invalid(field: "timezone",
                                      reason: "unknown time zone '\(timezone)': use an IANA name such as Europe/Paris")
        }
        if let from = settings.emailFrom, !EmailAddress.isValid(from) {
            throw TenantError.invalid(field: "emailFrom",
                                      reason: "'\(from)' is not an e-mail address (expected name@domain.tld)")
        }
        if let url = settings.smtpURL, !(url.hasPrefix("smtp://") || url.hasPrefix("smtps://")) {
            throw TenantError.invalid(field: "smtpURL",
                                      reason: "the SMTP relay must be a URL like smtp://relay.example.com:25")
        }
    }

    /// Turns the operator schema's constraint violations into field errors.
    func translatingConstraints<T>(slug: TenantSlug, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as PostgresError {
            switch error.constraint {
            case "tenant_timezone_known":
                throw TenantError.invalid(field: "timezone", reason: "the database does not know this time zone")
            case "tenant_email_from_format":
                throw TenantError.invalid(field: "emailFrom", reason: "not an e-mail address")
            case "tenant_smtp_url_format":
                throw TenantError.invalid(field: "smtpURL", reason: "must start with smtp:// or smtps://")
            case "tenant_display_name_not_blank":
                throw TenantError.invalid(field: "displayName", reason: "cannot be blank")
            default:
                throw error
            }
        }
    }
}
