import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import Testing

@Suite("Migrations of the operator schema and tenant schemas")
final class MigratorTests {
    let database: StoreDatabase

    init() throws {
        database = try StoreDatabase(migrateControl: false)
    }

    private func ledgerVersions(_ c: PostgresConnection, table: String = "recouvre.schema_migrations") throws -> [Int] {
        try c.query("SELECT version FROM \(table) ORDER BY version").rows.map { try $0.decode(Int.self, "version") }
    }

    @Test func controlMigrationsApplyOnceThenNoOp() throws {
        let c = database.connection
        let expected = MigrationCatalog.control.map(\.version)
        #expect(!expected.isEmpty)
        #expect(try Migrator().migrateControl(c) == expected.count)
        #expect(try ledgerVersions(c) == expected)
        #expect(try c.value("SELECT to_regclass('recouvre.tenants') IS NOT NULL", as: Bool.self))
        #expect(try Migrator().migrateControl(c) == 0)
        #expect(try ledgerVersions(c) == expected)
    }

    @Test func concurrentControlMigrationsBothSucceedAndApplyEachVersionOnce() throws {
        let conninfo = database.conninfo
        let results = inParallel(2) { _ -> Int in
            let c = try PostgresConnection(conninfo: conninfo, applicationName: "recouvre-store-tests")
            defer { c.close() }
            return try Migrator().migrateControl(c)
        }
        let applied = try results.map { try $0.get() }
        #expect(applied.reduce(0, +) == MigrationCatalog.control.count)
        #expect(try ledgerVersions(database.connection) == MigrationCatalog.control.map(\.version))
    }

    @Test func createdTenantHasItsWholeSchemaAtTheLatestVersion() throws {
        let c = database.connection
        _ = try Migrator().migrateControl(c)
        let tenant = try database.tenant("acme")
        let relations = try c.query("""
            SELECT table_name, table_type FROM information_schema.tables
            WHERE table_schema = $1 ORDER BY table_name
            """, [tenant.slug.schemaName]).rows.map {
            "\(try $0.decode(String.self, "table_name")):\(try $0.decode(String.self, "table_type"))"
        }
        #expect(relations == [
            "actions:BASE TABLE", "aged_balance:VIEW", "aged_balance_total:VIEW", "bank_credits:BASE TABLE",
            "bank_statements:BASE TABLE", "cases:BASE TABLE", "channel_effectiveness:VIEW", "collected_by_month:VIEW",
            "collection_effectiveness_by_month:VIEW", "debtor_ibans:BASE TABLE", "debtors:BASE TABLE",
            "disputes:BASE TABLE", "disputes_by_reason:VIEW", "dso_by_month:VIEW", "events:BASE TABLE",
            "invoice_balances:VIEW", "invoices:BASE TABLE", "payment_plans:BASE TABLE", "payments:BASE TABLE",
            "plan_instalments:BASE TABLE", "plan_outcomes:VIEW", "policies:BASE TABLE", "policy_steps:BASE TABLE",
            "prescription_ending_soon:VIEW", "promise_outcomes:VIEW", "promises:BASE TABLE", "reductions:BASE TABLE",
            "schema_migrations:BASE TABLE", "stage_funnel:VIEW", "tasks:BASE TABLE",
        ])
        #expect(tenant.slug.schemaName == "tenant_acme")
        #expect(try c.value("SELECT schema_version FROM recouvre.tenants WHERE slug = 'acme'", as: Int.self)
                == MigrationCatalog.latestTenantVersion)
        #expect(try ledgerVersions(c, table: "tenant_acme.schema_migrations") == MigrationCatalog.tenant.map(\.version))
    }

    @Test func theOperatorSchemaHasItsRegistryCountersAndViews() throws {
        let c = database.connection
        _ = try Migrator().migrateControl(c)
        let relations = try c.query("""
            SELECT table_name, table_type FROM information_schema.tables
            WHERE table_schema = 'recouvre' ORDER BY table_name
            """).rows.map { "\(try $0.decode(String.self, "table_name")):\(try $0.decode(String.self, "table_type"))" }
        #expect(relations == [
            "dropped_tenants:BASE TABLE", "due_hints:BASE TABLE", "due_work:BASE TABLE", "legal_rates:BASE TABLE",
            "operator_events:BASE TABLE", "rate_buckets:BASE TABLE", "role_settings:BASE TABLE",
            "schema_migrations:BASE TABLE", "tenant_activity:VIEW", "tenant_activity_days:BASE TABLE",
            "tenant_channels:BASE TABLE", "tenant_lag:VIEW", "tenant_volume_counts:BASE TABLE", "tenant_volumes:VIEW",
            "tenants:BASE TABLE", "time_zones:BASE TABLE",
        ])
    }

    /// A tenant made before tenant migration 0007 gets its roles when migrated.
    @Test func migratingABehindTenantGivesItItsRoles() throws {
        let c = database.connection
        _ = try Migrator().migrateControl(c)
        let old = TenantRegistry(migrator: Migrator(tenant: MigrationCatalog.tenant.filter { $0.version < 7 }))
        let slug = try TenantSlug("behind")
        _ = try old.create(c, slug: slug, settings: TenantSettings(displayName: "Behind"))
        let roles = try TenantRoles.read(c, slug: slug)
        #expect(try c.value("SELECT count(*) FROM pg_roles WHERE rolname IN ($1, $2)", [roles.reader, roles.writer], as: Int.self) == 0)
        _ = try c.query("INSERT INTO tenant_behind.debtors (external_ref, name) VALUES ('D1', 'Before')")
        _ = try Migrator().migrateAllTenants(c)
        #expect(try c.value("SELECT count(*) FROM pg_roles WHERE rolname IN ($1, $2)", [roles.reader, roles.writer], as: Int.self) == 2)
        #expect(try c.value("SELECT has_table_privilege($1, 'tenant_behind.aged_balance', 'SELECT')", [roles.reader], as: Bool.self))
        #expect(try c.value("SELECT debtors FROM recouvre.tenant_volumes WHERE tenant = 'behind'", as: Int.self) == 1,
                "the counters start from what the schema holds")
    }

    @Test func migrateAllTenantsCatchesUpABehindTenantThenIsANoOp() throws {
        let c = database.connection
        _ = try Migrator().migrateControl(c)
        // A registry whose build carries no tenant migration leaves the tenant at version 0,
        // like a tenant created before the current migrations existed.
        let old = TenantRegistry(migrator: Migrator(tenant: []))
        _ = try old.create(c, slug: try TenantSlug("behind"), settings: TenantSettings(displayName: "Behind"))
        _ = try database.tenant("current")
        #expect(try c.value("SELECT to_regclass('tenant_behind.invoices') IS NULL", as: Bool.self))

        var progress: [String] = []
        let first = try Migrator().migrateAllTenants(c) { done, total in progress.append("\(done)/\(total)") }
        #expect(first.tenantsTotal == 2)
        #expect(first.tenantsMigrated == 1)
        #expect(progress == ["1/1"])
        #expect(try c.value("SELECT to_regclass('tenant_behind.invoices') IS NOT NULL", as: Bool.self))
        #expect(try c.value("SELECT min(schema_version) FROM recouvre.tenants", as: Int.self)
                == MigrationCatalog.latestTenantVersion)

        progress = []
        let second = try Migrator().migrateAllTenants(c) { done, total in progress.append("\(done)/\(total)") }
        #expect(second.tenantsTotal == 2)
        #expect(second.tenantsMigrated == 0)
        #expect(progress.isEmpty)
    }

    @Test func aRegistryRowBehindItsOwnLedgerIsRaisedOnceThenLeftAlone() throws {
        let c = database.connection
        _ = try Migrator().migrateControl(c)
        _ = try database.tenant("acme")
        _ = try c.query("UPDATE recouvre.tenants SET schema_version = 0 WHERE slug = 'acme'")

        let first = try Migrator().migrateAllTenants(c)
        #expect(first.tenantsMigrated == 0, "nothing was applied: the schema already had every migration")
        #expect(try c.value("SELECT schema_version FROM recouvre.tenants WHERE slug = 'acme'", as: Int.self)
                == MigrationCatalog.latestTenantVersion)
        var visited = 0
        _ = try Migrator().migrateAllTenants(c) { _, _ in visited += 1 }
        #expect(visited == 0)
    }

    @Test func tamperedControlChecksumStopsTheRunNamingTheMigration() throws {
        let c = database.connection
        _ = try Migrator().migrateControl(c)
        let first = try #require(MigrationCatalog.control.first)
        _ = try c.query("UPDATE recouvre.schema_migrations SET checksum = 'deadbeefdeadbeef' WHERE version = $1",
                        [first.version])
        let error = try #require(throws: MigrationError.self) { try Migrator().migrateControl(c) }
        #expect(error.description.contains(first.fileName))
        #expect(first.fileName.hasPrefix("0001_"))
        #expect(error.description.contains("deadbeefdeadbeef"))
        #expect(error.description.contains("new numbered migration"))
    }

    @Test func tamperedTenantChecksumStopsTheTenantMigration() throws {
        let c = database.connection
        _ = try Migrator().migrateControl(c)
        let tenant = try database.tenant("acme")
        let first = try #require(MigrationCatalog.tenant.first)
        _ = try c.query("UPDATE tenant_acme.schema_migrations SET checksum = '0' WHERE version = $1", [first.version])
        let error = try #require(throws: MigrationError.self) { try Migrator().migrateTenant(c, slug: tenant.slug) }
        #expect(error.description.contains(first.name))
        #expect(error.description.hasPrefix("tenant migration"))
    }
}
