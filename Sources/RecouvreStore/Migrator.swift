import Postgres
import RecouvreCore

/// A migration that cannot be applied, or that no longer matches what was applied.
public struct MigrationError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// What a `migrate` run did.
public struct MigrationReport: Sendable, Equatable {
    public var controlApplied = 0
    public var tenantsMigrated = 0
    public var tenantsTotal = 0
    public init() {}
}

/// Applies the numbered migrations of `sql/control` to the operator schema and those of
/// `sql/tenant` to each tenant schema.
///
/// Each migration runs in its own transaction together with its ledger row, under a
/// transaction-level advisory lock: two daemons, or a daemon and `recouvrectl migrate`, wait
/// for each other and the second finds the work done. Re-running is a no-op. A migration whose
/// text changed after it was applied stops the run with an error rather than diverging.
public struct Migrator: Sendable {
    /// Advisory lock namespace (first key) of Recouvre's migration locks.
    static let lockNamespace: Int32 = 0x7265_6375  // "recu"

    public let control: [Migration]
    public let tenant: [Migration]

    public init(control: [Migration] = MigrationCatalog.control, tenant: [Migration] = MigrationCatalog.tenant) {
        self.control = control
        self.tenant = tenant
    }

    /// Applies pending operator-schema migrations; returns how many were applied.
    public func migrateControl(_ connection: PostgresConnection) throws -> Int {
        try connection.transaction { c in
            try lockControl(c)
            try c.execute("""
                CREATE SCHEMA IF NOT EXISTS recouvre;
                CREATE TABLE IF NOT EXISTS recouvre.schema_migrations (
                    version     integer PRIMARY KEY,
                    name        text NOT NULL,
                    checksum    text NOT NULL,
                    applied_at  timestamptz NOT NULL DEFAULT now()
                );
                """)
        }
        var applied = 0
        for migration in control {
            let didApply = try connection.transaction { c -> Bool in
                try lockControl(c)
                let ledger = try appliedMigrations(c, table: "recouvre.schema_migrations")
                if try isApplied(migration, ledger: ledger) { return false }
                try run(migration) { try c.execute(migration.sql) }
                _ = try c.query(
                    "INSERT INTO recouvre.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                    [migration.version, migration.name, migration.checksum])
                return true
            }
            if didApply { applied += 1 }
        }
        return applied
    }

    /// Applies pending migrations to one tenant's schema, each in its own transaction;
    /// returns how many were applied.
    public func migrateTenant(_ connection: PostgresConnection, slug: TenantSlug) throws -> Int {
        var applied = 0
        for migration in tenant {
            let didApply = try connection.transaction { c in
                try applyTenantMigration(migration, slug: slug, on: c)
            }
            if didApply { applied += 1 }
        }
        return applied
    }

    /// Applies every pending tenant migration inside the caller's open transaction, so that a
    /// new tenant's schema appears whole or not at all.
    public func migrateTenantInTransaction(_ connection: PostgresConnection, slug: TenantSlug) throws {
        for migration in tenant {
            _ = try applyTenantMigration(migration, slug: slug, on: connection)
        }
    }

    /// Migrates every tenant whose recorded schema version is behind this build. A no-op run
    /// reads one table. `progress` is called after each tenant with (done, total).
    public func migrateAllTenants(
        _ connection: PostgresConnection,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> MigrationReport {
        var report = MigrationReport()
        let latest = tenant.last?.version ?? 0
        report.tenantsTotal = try connection.query("SELECT count(*) AS n FROM recouvre.tenants")
            .first?.decode(Int.self, "n") ?? 0
        let behind = try connection.query(
            "SELECT slug FROM recouvre.tenants WHERE schema_version < $1 ORDER BY slug", [latest])
        for (index, row) in behind.rows.enumerated() {
            let slug = try TenantSlug(try row.decode(String.self, "slug"))
            if try migrateTenant(connection, slug: slug) > 0 { report.tenantsMigrated += 1 }
            progress(index + 1, behind.rows.count)
        }
        return report
    }

    /// Brings at most `limit` of the tenants behind this build up to date, by slug, and says
    /// how many it brought (`migrated`, whether their ledger lacked migrations or only their
    /// registry row was behind), how many are still behind and how many there are: a client
    /// calls it until none remains, showing progress between calls, and an interrupted run
    /// resumes where it stopped.
    public func migrateTenantBatch(_ connection: PostgresConnection, limit: Int) throws
        -> (migrated: Int, remaining: Int, total: Int) {
        let latest = tenant.last?.version ?? 0
        let behind = try connection.query(
            "SELECT slug FROM recouvre.tenants WHERE schema_version < $1 ORDER BY slug LIMIT $2", [latest, limit])
        for row in behind.rows {
            _ = try migrateTenant(connection, slug: try TenantSlug(try row.decode(String.self, "slug")))
        }
        let migrated = behind.rows.count
        let counts = try connection.query(
            "SELECT count(*) FILTER (WHERE schema_version < $1) AS remaining, count(*) AS total FROM recouvre.tenants",
            [latest]).first
        return (migrated, try counts?.decode(Int.self, "remaining") ?? 0, try counts?.decode(Int.self, "total") ?? 0)
    }

    private func applyTenantMigration(_ migration: Migration, slug: TenantSlug, on c: PostgresConnection) throws -> Bool {
        _ = try c.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [Self.lockNamespace, slug.rawValue])
        let schema = slug.quotedSchema
        try c.execute("""
            CREATE SCHEMA IF NOT EXISTS \(schema);
            CREATE TABLE IF NOT EXISTS \(schema).schema_migrations (
                version     integer PRIMARY KEY,
                name        text NOT NULL,
                checksum    text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            );
            """)
        let ledger = try appliedMigrations(c, table: "\(schema).schema_migrations")
        let applied = try isApplied(migration, ledger: ledger)
        if !applied {
            try run(migration, tenant: slug) { try c.execute(migration.sql(forTenantSchema: schema, slug: slug.rawValue)) }
            _ = try c.query(
                "INSERT INTO \(schema).schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                [migration.version, migration.name, migration.checksum])
        }
        // Also when the ledger already had it: a registry row left behind its schema would
        // otherwise be visited by every migrate run.
        _ = try c.query(
            "UPDATE recouvre.tenants SET schema_version = $2 WHERE slug = $1 AND schema_version < $2",
            [slug.rawValue, migration.version])
        return !applied
    }

    /// Runs a migration's SQL, naming the migration (and tenant) in any error.
    private func run(_ migration: Migration, tenant: TenantSlug? = nil, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as PostgresError {
            let target = tenant.map { " for tenant '\($0)'" } ?? ""
            throw MigrationError(description: "\(migration.scope.rawValue) migration \(migration.fileName)\(target) failed: \(error)")
        }
    }

    private func lockControl(_ c: PostgresConnection) throws {
        _ = try c.query("SELECT pg_advisory_xact_lock($1, 0)", [Self.lockNamespace])
    }

    private func appliedMigrations(_ c: PostgresConnection, table: String) throws -> [Int: String] {
        var ledger: [Int: String] = [:]
        for row in try c.query("SELECT version, checksum FROM \(table)").rows {
            ledger[try row.decode(Int.self, "version")] = try row.decode(String.self, "checksum")
        }
        return ledger
    }

    private func isApplied(_ migration: Migration, ledger: [Int: String]) throws -> Bool {
        guard let checksum = ledger[migration.version] else { return false }
        guard checksum == migration.checksum else {
            throw MigrationError(description: """
                \(migration.scope.rawValue) migration \(migration.fileName) was changed after \
                it was applied (checksum \(checksum), now \(migration.checksum)): restore the original file and \
                put the change in a new numbered migration
                """)
        }
        return true
    }
}
