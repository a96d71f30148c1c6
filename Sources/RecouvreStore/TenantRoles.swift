import Postgres
import RecouvreCore

/// A tenant's two database roles, named `<prefix>tenant_<slug>_reader` and `…_writer` where the
/// prefix is this database's (`recouvre.role_settings`, empty unless set). Tenant migration 0007
/// creates them; the creditor's login roles are granted into them (docs/sql-api.md).
public struct TenantRoles: Sendable, Equatable {
    /// Reads the schema: SELECT on its tables and views, EXECUTE on its reporting functions.
    public let reader: String
    /// The reader's rights, plus the SQL API's writes and the procedure functions.
    public let writer: String

    public init(reader: String, writer: String) {
        self.reader = reader
        self.writer = writer
    }

    /// The names of `slug`'s roles in the database `c` is connected to.
    public static func read(_ c: PostgresConnection, slug: TenantSlug) throws -> TenantRoles {
        guard let row = try c.query("""
            SELECT recouvre.tenant_role($1, 'reader') AS reader, recouvre.tenant_role($1, 'writer') AS writer
            """, [slug.rawValue]).first else {
            throw StoreError(description: "recouvre.role_settings has no row: the operator schema is not migrated")
        }
        return TenantRoles(reader: try row.decode(String.self, "reader"), writer: try row.decode(String.self, "writer"))
    }

    /// Drops both roles, writer first (it is a member of the reader). Their rights were all on
    /// the tenant's schema, so the caller drops the schema first; memberships granted to
    /// login roles go with the roles. A role that still holds a right elsewhere (granted by
    /// hand, perhaps in another database) makes the drop fail with PostgreSQL's list of what
    /// depends on it, and the caller's transaction undoes everything.
    func drop(_ c: PostgresConnection) throws {
        for role in [writer, reader] {
            _ = try c.query("DROP ROLE IF EXISTS " + PostgresConnection.quoteIdentifier(role))
        }
    }
}
