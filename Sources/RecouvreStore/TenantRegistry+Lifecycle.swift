import Foundation
import Postgres
import RecouvreCore

/// A setting's value before and after a change, as the operator journal records it.
/// A cleared value is written as `null`, not left out.
struct SettingChange: Encodable {
    let from: String?
    let to: String?

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
    }

    enum CodingKeys: String, CodingKey { case from, to }
}

/// Changing a tenant's settings with their authors, dropping a tenant, and the record of
/// dropped slugs.
extension TenantRegistry {
    /// Sets the settings given, clears those in `clearing` (back to the daemon's default), and
    /// journals each change with its old and new value and `actor`. Returns the tenant and
    /// the names of the fields whose value changed.
    public func change(_ connection: PostgresConnection, slug: TenantSlug, settings: TenantSettings,
                       clearing: Set<TenantField>, actor: String) throws -> (tenant: TenantRecord, changed: [TenantField]) {
        try validate(settings)
        if let name = settings.displayName, name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw TenantError.invalid(field: "displayName", reason: "the display name cannot be blank")
        }
        if clearing.contains(.displayName) {
            throw TenantError.invalid(field: "clear", reason: "the display name cannot be cleared: give a new one with --name")
        }
        var wanted: [TenantField: String?] = [:]
        if let v = settings.displayName { wanted[.displayName] = v }
        if let v = settings.timezone { wanted[.timezone] = v }
        if let v = settings.locale { wanted[.locale] = v.rawValue }
        if let v = settings.emailFrom { wanted[.emailFrom] = v }
        if let v = settings.smtpURL { wanted[.smtpURL] = v }
        for field in clearing {
            if wanted[field] != nil {
                throw TenantError.invalid(field: "clear", reason: "\(field.rawValue) is both set and cleared: do one or the other")
            }
            wanted[field] = .some(field.clearedValue)
        }
        return try translatingConstraints(slug: slug) {
            try connection.transaction { c in
                let before = try fetchForUpdate(c, slug: slug)
                var changes: [String: SettingChange] = [:]
                var changed: [TenantField] = []
                var assignments: [String] = []
                var values: [(any PostgresEncodable)?] = [slug.rawValue]
                for field in TenantField.allCases {
                    guard let new = wanted[field] else { continue }
                    let old = before.value(of: field)
                    guard old != new else { continue }
                    values.append(new)
                    assignments.append("\(field.column) = $\(values.count)")
                    changed.append(field)
                    changes[field.column] = field == .smtpURL
                        ? SettingChange(from: old.map(Self.withoutPassword), to: new.map(Self.withoutPassword))
                        : SettingChange(from: old, to: new)
                }
                guard !assignments.isEmpty else { return (before, []) }
                _ = try c.query("UPDATE recouvre.tenants SET \(assignments.joined(separator: ", ")), updated_at = now() WHERE slug = $1",
                                values)
                let kind = changed == [.displayName] ? "tenant_renamed" : "tenant_updated"
                _ = try c.query(
                    "INSERT INTO recouvre.operator_events (tenant, kind, actor, detail) VALUES ($1, $2, $3, $4)",
                    [slug.rawValue, kind, actor, try PostgresJSON(encoding: changes)])
                return (try fetch(c, slug: slug), changed)
            }
        }
    }

    /// Drops a tenant: its schema and everything in it, its reader and writer roles, its row,
    /// due-work entry, hints, rate bucket, channel settings and operator counters. The row (without secrets) is kept in
    /// `recouvre.dropped_tenants` and the drop journaled with `actor`.
    ///
    /// Refused unless the tenant is paused (an active tenant's work may be claimed at any
    /// moment) and no action is running under a live lease; an action whose lease expired
    /// (its daemon died) is not in flight and goes with the schema.
    public func drop(_ connection: PostgresConnection, slug: TenantSlug, actor: String) throws -> DroppedTenant {
        try connection.transaction { c in
            let tenant = try fetchForUpdate(c, slug: slug)
            guard tenant.status == .paused else {
                throw TenantError.busy(slug: slug.rawValue, reason: """
                    tenant '\(slug)' is \(tenant.status.rawValue): pause it first (recouvrectl tenant pause \(slug)), \
                    let its running actions finish, then drop it
                    """)
            }
            // No worker can claim or finish an action of this tenant from here on.
            _ = try c.query("LOCK TABLE \(slug.quotedSchema).actions IN EXCLUSIVE MODE")
            let running = try c.query("""
                SELECT id FROM \(slug.quotedSchema).actions
                WHERE state = 'running' AND lease_expires_at > now() ORDER BY id
                """).rows.map { try $0.decode(Int.self, "id") }
            if !running.isEmpty {
                let ids = running.prefix(10).map(String.init).joined(separator: ", ") + (running.count > 10 ? ", …" : "")
                throw TenantError.busy(slug: slug.rawValue, reason: """
                    tenant '\(slug)' has \(running.count) action\(running.count == 1 ? "" : "s") running (\(ids)): \
                    a worker is executing \(running.count == 1 ? "it" : "them"); wait until \
                    `recouvrectl actions list --tenant \(slug) --state running` shows none, then drop again
                    """)
            }
            var counts = ActionStateCounts()
            for row in try c.query("SELECT state, count(*) AS n FROM \(slug.quotedSchema).actions GROUP BY state").rows {
                counts.byState[try row.decode(String.self, "state")] = try row.decode(Int.self, "n")
            }
            let settings = try c.query("""
                SELECT jsonb_build_object(
                    'tenant', (SELECT to_jsonb(t) FROM recouvre.tenants t WHERE t.slug = $1),
                    'channels', (SELECT to_jsonb(ch) - 'webhook_secret' - 'sms_secret'
                                 FROM recouvre.tenant_channels ch WHERE ch.tenant = $1))::text AS settings
                """, [slug.rawValue]).first.map { try $0.decode(String.self, "settings") } ?? "{}"
            let roles = try TenantRoles.read(c, slug: slug)
            _ = try c.query("DROP SCHEMA \(slug.quotedSchema) CASCADE")
            try roles.drop(c)
            _ = try c.query("DELETE FROM recouvre.due_hints WHERE tenant = $1", [slug.rawValue])
            _ = try c.query("DELETE FROM recouvre.tenant_activity_days WHERE tenant = $1", [slug.rawValue])
            _ = try c.query("DELETE FROM recouvre.tenant_volume_counts WHERE tenant = $1", [slug.rawValue])
            _ = try c.query("DELETE FROM recouvre.rate_buckets WHERE key = $1", ["tenant:" + slug.rawValue])
            _ = try c.query("DELETE FROM recouvre.tenants WHERE slug = $1", [slug.rawValue])
            let droppedAt = try c.query("""
                INSERT INTO recouvre.dropped_tenants (slug, display_name, dropped_by, settings)
                VALUES ($1, $2, $3, $4::jsonb) RETURNING dropped_at
                """, [slug.rawValue, tenant.displayName, actor, settings]).first.map { try $0.decode(Date.self, "dropped_at") }
            _ = try c.query(
                "INSERT INTO recouvre.operator_events (tenant, kind, actor, detail) VALUES ($1, 'tenant_dropped', $2, $3)",
                [slug.rawValue, actor, try PostgresJSON(encoding: [
                    "name": tenant.displayName, "schema": slug.schemaName,
                    "actions": counts.byState.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "),
                ])])
            return DroppedTenant(slug: slug.rawValue, displayName: tenant.displayName, droppedAt: droppedAt ?? Date(),
                                 droppedBy: actor, discarded: counts)
        }
    }

    /// When `slug` belonged to a dropped tenant: refuses, unless `reuse`, in which case the
    /// record is marked reused and the old tenant's name returned for the journal.
    func claimDroppedSlug(_ c: PostgresConnection, slug: TenantSlug, reuse: Bool) throws -> String? {
        guard let row = try c.query("""
            SELECT id, display_name, dropped_at, dropped_by FROM recouvre.dropped_tenants
            WHERE slug = $1 AND reused_at IS NULL ORDER BY dropped_at DESC LIMIT 1
            """, [slug.rawValue]).first else { return nil }
        let name = try row.decode(String.self, "display_name")
        guard reuse else {
            throw TenantError.dropped(slug: slug.rawValue, displayName: name, droppedAt: try row.decode(Date.self, "dropped_at"),
                                      droppedBy: try row.decode(String.self, "dropped_by"))
        }
        _ = try c.query("UPDATE recouvre.dropped_tenants SET reused_at = now() WHERE slug = $1 AND reused_at IS NULL",
                        [slug.rawValue])
        return name
    }

    func fetchForUpdate(_ c: PostgresConnection, slug: TenantSlug) throws -> TenantRecord {
        guard let row = try c.query(
            "SELECT \(TenantRecord.columns) FROM recouvre.tenants WHERE slug = $1 FOR UPDATE", [slug.rawValue]).first else {
            throw TenantError.notFound(slug: slug.rawValue)
        }
        return try TenantRecord(row: row)
    }

    /// A URL without the password it may carry, for the journal.
    static func withoutPassword(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}

extension TenantRecord {
    /// The value of `field` as the column holds it.
    func value(of field: TenantField) -> String? {
        switch field {
        case .displayName: displayName
        case .timezone: timezone
        case .locale: locale.rawValue
        case .emailFrom: emailFrom
        case .smtpURL: smtpURL
        }
    }
}
