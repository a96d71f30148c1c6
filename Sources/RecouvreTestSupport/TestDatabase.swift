import Foundation
import Postgres

/// Fresh, uniquely named databases on the test cluster, so suites can run in parallel
/// without seeing each other's tables.
public enum TestDatabase {
    /// Creates an empty database and returns a conninfo string that connects to it as the
    /// cluster's superuser.
    public static func create() throws -> String {
        let admin = try PostgresConnection(conninfo: try TestEnvironment.adminConninfo(), applicationName: "recouvre-tests")
        defer { admin.close() }
        let name = "recouvre_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try admin.execute("CREATE DATABASE " + PostgresConnection.quoteIdentifier(String(name)))
        // Tenant roles belong to the cluster: each test database names its own, so that tests
        // running together with the same slugs never meet (read when the operator schema is made).
        try admin.execute("ALTER DATABASE \(PostgresConnection.quoteIdentifier(String(name))) SET recouvre.role_prefix = '\(rolePrefix(database: String(name))!)'")
        return try conninfo(database: String(name))
    }

    /// The tenant role prefix of a database made by ``create()``: `t`, 7 characters of its
    /// name's random part, `_`; nil for any other database.
    public static func rolePrefix(database name: String) -> String? {
        guard name.hasPrefix("recouvre_test_"), name.count >= "recouvre_test_".count + 7 else { return nil }
        return "t" + name.dropFirst("recouvre_test_".count).prefix(7) + "_"
    }

    /// The admin conninfo (a `key=value` string or a `postgresql://` URL) with its database
    /// replaced by `database`.
    public static func conninfo(database: String) throws -> String {
        let admin = try TestEnvironment.adminConninfo()
        if admin.hasPrefix("postgresql://") || admin.hasPrefix("postgres://") {
            guard var url = URLComponents(string: admin) else {
                throw TestEnvironment.Missing(variable: "RECOUVRE_PG (a valid postgresql:// URL)")
            }
            url.path = "/" + database
            guard let text = url.string else { throw TestEnvironment.Missing(variable: "RECOUVRE_PG (a valid postgresql:// URL)") }
            return text
        }
        // In a conninfo string a later keyword overrides an earlier one; values are quoted so
        // any name is safe.
        let escaped = database.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        return admin + " dbname='\(escaped)'"
    }

    /// Drops the database `conninfo` points at, disconnecting anyone still using it.
    public static func drop(_ conninfo: String) throws {
        let probe = try PostgresConnection(conninfo: conninfo, applicationName: "recouvre-tests")
        let name: String = try probe.query("SELECT current_database() AS name").rows[0].decode(String.self, "name")
        probe.close()
        try drop(database: name)
    }

    /// Drops the named database, disconnecting anyone still using it.
    /// The tenant roles the database's prefix names are dropped with it: they held rights in
    /// that database only.
    public static func drop(database name: String) throws {
        let admin = try PostgresConnection(conninfo: try TestEnvironment.adminConninfo(), applicationName: "recouvre-tests")
        defer { admin.close() }
        try admin.execute("DROP DATABASE IF EXISTS " + PostgresConnection.quoteIdentifier(name) + " WITH (FORCE)")
        guard let prefix = rolePrefix(database: name) else { return }
        let roles = try admin.query("SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1) ORDER BY rolname DESC",
                                    [prefix + "tenant_"])
        for row in roles.rows {
            let role: String = try row.decode(String.self, "rolname")
            try admin.execute("DROP ROLE IF EXISTS " + PostgresConnection.quoteIdentifier(role))
        }
    }
}
