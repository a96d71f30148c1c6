import ControlProtocol
import Foundation
import Postgres
import RecouvreCore
import RecouvreStore

/// A tenant's lifecycle: settings changed with their author, the description an export
/// needs, and the drop.
extension ControlService {
    func setTenant(_ p: SetTenantParameters, caller: ControlCaller) async throws -> SetTenantReply {
        let slug = try Self.slug(p.slug)
        try Self.validateRelay(p.smtpURL)
        guard !p.isEmpty else {
            throw ControlError.invalidArgument(field: "settings", reason: "nothing to change: give at least one setting or clear one")
        }
        var fields: Set<TenantField> = []
        for name in p.clear ?? [] {
            guard SetTenantParameters.clearable.contains(name), let field = TenantField(rawValue: name) else {
                throw ControlError.invalidArgument(field: "clear", reason: """
                    '\(name)' cannot be cleared; clear one of \(SetTenantParameters.clearable.joined(separator: ", ")) \
                    (the display name can only be replaced)
                    """)
            }
            fields.insert(field)
        }
        let settings = TenantSettings(displayName: p.displayName, timezone: p.timezone, locale: try Self.locale(p.locale),
                                      emailFrom: p.emailFrom, smtpURL: p.smtpURL)
        let registry = self.registry, clearing = fields
        let (tenant, changed) = try await call {
            try registry.change($0, slug: slug, settings: settings, clearing: clearing, actor: caller.name)
        }
        return SetTenantReply(tenant: Self.info(tenant), changed: changed.map(\.rawValue))
    }

    func describeTenantExport(slug: String) async throws -> TenantExportInfo {
        let slug = try Self.slug(slug)
        let registry = self.registry
        let (tenant, channels, database, host, port) = try await call { c in
            (try registry.get(c, slug: slug), try TenantChannels.load(c, slug: slug), c.databaseName ?? "", c.host, c.port)
        }
        return TenantExportInfo(schema: slug.schemaName, database: database, host: host, port: port, tenant: Self.info(tenant),
                                channels: Self.info(channels, tenant: slug.rawValue))
    }

    func dropTenant(_ p: DropTenantParameters, caller: ControlCaller) async throws -> DroppedTenantInfo {
        let slug = try Self.slug(p.slug)
        guard p.confirm == p.slug else {
            throw ControlError.invalidArgument(field: "confirm", reason: """
                confirm must repeat the slug '\(p.slug)' (got '\(p.confirm)'): dropping a tenant deletes its schema and all its data
                """)
        }
        let registry = self.registry
        let dropped = try await call { try registry.drop($0, slug: slug, actor: caller.name) }
        let counts = dropped.discarded
        return DroppedTenantInfo(
            slug: dropped.slug, displayName: dropped.displayName, schema: slug.schemaName, droppedAt: Self.iso(dropped.droppedAt),
            droppedBy: dropped.droppedBy,
            discarded: ActionCounts(scheduled: counts["scheduled"] + counts["held"], running: counts["running"],
                                    succeeded: counts["succeeded"], failed: counts["failed"], cancelled: counts["cancelled"],
                                    dead: counts["dead"]))
    }

    func migrateBatch(limit: Int) async throws -> MigrationProgress {
        let migrator = registry.migrator
        let (control, batch) = try await call { c in
            (try migrator.migrateControl(c), try migrator.migrateTenantBatch(c, limit: limit))
        }
        return MigrationProgress(controlApplied: control, migrated: batch.migrated, remaining: batch.remaining, total: batch.total)
    }
}
