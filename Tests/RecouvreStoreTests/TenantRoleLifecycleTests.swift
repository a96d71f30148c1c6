import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import RecouvreTestSupport
import Testing

/// Tenant roles across the tenant's life and the cluster: made with the tenant, dropped with
/// it, never shared between databases, and made by a daemon-like role that is no superuser.
@Suite("Tenant roles: lifecycle, prefixes and CREATEROLE")
final class TenantRoleLifecycleTests {
    let database: StoreDatabase
    let registry = TenantRegistry()

    init() throws {
        database = try StoreDatabase()
    }

    private func roleExists(_ name: String) throws -> Bool {
        try database.connection.value("SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1)", [name], as: Bool.self)
    }

    @Test func droppingATenantDropsItsRolesAndReusingTheSlugMakesThemAgain() throws {
        let slug = try database.tenant("acme").slug
        let roles = try TenantRoles.read(database.connection, slug: slug)
        let login = "login_\(UUID().uuidString.prefix(8).lowercased())"
        try database.connection.execute("CREATE ROLE \(login) LOGIN IN ROLE \(PostgresConnection.quoteIdentifier(roles.writer))")
        defer { try? database.connection.execute("DROP ROLE IF EXISTS \(login)") }
        _ = try registry.pause(database.connection, slug: slug)
        _ = try registry.drop(database.connection, slug: slug, actor: "ops")
        #expect(try !roleExists(roles.reader))
        #expect(try !roleExists(roles.writer))
        #expect(try roleExists(login), "the creditor's login role stays; only its membership went")
        #expect(try database.connection.count("recouvre.tenant_volume_counts") == 0)

        _ = try registry.create(database.connection, slug: slug, settings: TenantSettings(displayName: "New"),
                                reuseDroppedSlug: true)
        #expect(try roleExists(roles.reader))
        #expect(try roleExists(roles.writer))
    }

    @Test func renamingATenantKeepsItsRoles() throws {
        let slug = try database.tenant("acme").slug
        let roles = try TenantRoles.read(database.connection, slug: slug)
        _ = try registry.change(database.connection, slug: slug, settings: TenantSettings(displayName: "Acme Group"),
                                clearing: [], actor: "ops")
        #expect(try TenantRoles.read(database.connection, slug: slug) == roles)
        #expect(try roleExists(roles.writer))
    }

    /// Two databases of one cluster with a tenant `acme` each: their roles differ, and a
    /// database whose prefix would reuse another's roles is refused with a clear error.
    @Test func twoDatabasesNeverShareATenantsRoles() throws {
        let acmeHere = try TenantRoles.read(database.connection, slug: try database.tenant("acme").slug)
        let other = try StoreDatabase()
        let acmeThere = try TenantRoles.read(other.connection, slug: try other.tenant("acme").slug)
        #expect(acmeHere.reader != acmeThere.reader)

        let third = try StoreDatabase()
        let prefix = try database.connection.value("SELECT role_prefix FROM recouvre.role_settings", as: String.self)
        _ = try third.connection.query("UPDATE recouvre.role_settings SET role_prefix = $1", [prefix])
        let clash = try #require(throws: (any Error).self) {
            _ = try self.registry.create(third.connection, slug: try TenantSlug("acme"), settings: TenantSettings(displayName: "A"))
        }
        #expect("\(clash)".contains("already exists in this cluster"), "\(clash)")
        #expect(try third.connection.count("recouvre.tenants") == 0, "the tenant is not half made")
        #expect(try roleExists(acmeHere.reader), "the other database's roles are untouched")
    }

    @Test func thePrefixIsFixedOnceTenantsExist() throws {
        let bad = try #require(throws: PostgresError.self) {
            try self.database.connection.query("UPDATE recouvre.role_settings SET role_prefix = 'Much-Too-Long-Prefix'")
        }
        #expect(bad.constraint == "role_settings_prefix_format")
        _ = try database.tenant("acme")
        let error = try #require(throws: PostgresError.self) {
            try self.database.connection.query("UPDATE recouvre.role_settings SET role_prefix = 'other_'")
        }
        #expect(error.sqlState == "55006")
    }

    /// The daemon's role as deploy/postgresql-setup.sql makes it: no superuser, CREATE on the
    /// database. Without CREATEROLE tenant creation fails saying so; with it the whole life of
    /// a tenant works, drop included.
    @Test func aDaemonRoleNeedsCreateRoleAndNothingMore() throws {
        let daemon = "daemon_\(UUID().uuidString.prefix(8).lowercased())"
        let name = try database.connection.value("SELECT current_database()", as: String.self)
        try database.connection.execute("""
            CREATE ROLE \(daemon) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
            GRANT CONNECT, CREATE ON DATABASE \(PostgresConnection.quoteIdentifier(name)) TO \(daemon);
            """)
        defer {
            try? database.connection.execute("DROP OWNED BY \(daemon)")
            try? database.connection.execute("DROP ROLE IF EXISTS \(daemon)")
        }
        let c = try PostgresConnection(conninfo: database.conninfo + " user=\(daemon)")
        defer { c.close() }
        // A fresh operator schema owned by the daemon's role.
        try database.connection.execute("DROP SCHEMA recouvre CASCADE")
        _ = try Migrator().migrateControl(c)
        let slug = try TenantSlug("acme")

        let refused = try #require(throws: (any Error).self) {
            _ = try self.registry.create(c, slug: slug, settings: TenantSettings(displayName: "Acme"))
        }
        #expect("\(refused)".contains("lacks CREATEROLE"), "\(refused)")
        #expect(try c.count("recouvre.tenants") == 0)

        try database.connection.execute("ALTER ROLE \(daemon) CREATEROLE")
        _ = try registry.create(c, slug: slug, settings: TenantSettings(displayName: "Acme"))
        let roles = try TenantRoles.read(c, slug: slug)
        try c.execute("SET search_path = tenant_acme")
        _ = try c.insertDebtor(ref: "D1")
        try c.execute("RESET search_path")
        _ = try registry.pause(c, slug: slug)
        _ = try registry.drop(c, slug: slug, actor: "ops")
        #expect(try !roleExists(roles.reader))
        #expect(try !roleExists(roles.writer))
    }
}
