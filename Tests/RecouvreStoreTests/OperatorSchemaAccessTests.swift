import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import Testing

/// What a tenant's own role can do through the tenant schema, and no more.
@Suite("Access to the operator schema from a tenant role")
final class OperatorSchemaAccessTests {
    let database: StoreDatabase
    let role = "integration_\(UUID().uuidString.prefix(8).lowercased())"

    init() throws {
        database = try StoreDatabase()
        _ = try database.tenant("acme")
        let c = database.connection
        try c.execute("""
            CREATE ROLE \(role) LOGIN;
            GRANT USAGE ON SCHEMA tenant_acme TO \(role);
            GRANT SELECT, INSERT ON tenant_acme.debtors, tenant_acme.invoices, tenant_acme.payments TO \(role);
            """)
    }

    deinit {
        try? database.connection.execute("DROP OWNED BY \(role); DROP ROLE \(role)")
    }

    private func connectAsRole() throws -> PostgresConnection {
        let c = try PostgresConnection(conninfo: database.conninfo + " user=\(role)")
        try c.execute("SET search_path = tenant_acme")
        return c
    }

    @Test func anIntegrationRoleSchedulesWorkWithoutAnyRightOnTheOperatorSchema() throws {
        let c = try connectAsRole()
        defer { c.close() }
        try c.query("INSERT INTO debtors (external_ref, name, timezone) VALUES ('D1', 'Martin', 'Europe/Paris')")
        try c.query("""
            INSERT INTO invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT id, 'F-1', '2026-01-01', '2026-01-31', 10 FROM debtors
            """)
        #expect(try database.connection.value("SELECT count(*) FROM recouvre.due_hints WHERE tenant = 'acme'", as: Int.self) >= 1)
    }

    @Test func itCannotForgeHintsNorTouchTheSchedulerTables() throws {
        let c = try connectAsRole()
        defer { c.close() }
        let direct = #expect(throws: PostgresError.self) { try c.query("SELECT tenant_acme.note_due_work('-infinity')") }
        #expect(direct?.sqlState == "42501")
        for statement in ["INSERT INTO recouvre.due_hints VALUES ('acme', '-infinity')",
                          "UPDATE recouvre.due_work SET next_due_at = 'infinity'",
                          "SELECT * FROM recouvre.tenants"] {
            let refused = #expect(throws: PostgresError.self) { try c.query(statement) }
            #expect(refused?.sqlState == "42501", "\(statement)")
        }
    }

    @Test func oneTransactionLeavesOneHintUnlessAnEarlierMomentComes() throws {
        let c = database.connection
        _ = try c.query("DELETE FROM recouvre.due_hints")
        try c.transaction { c in
            for _ in 0..<50 {
                try c.query("INSERT INTO tenant_acme.actions (kind, due_at) VALUES ('review_debtor', now() + interval '1 hour')")
            }
            try c.query("INSERT INTO tenant_acme.actions (kind, due_at) VALUES ('review_debtor', now())")
        }
        #expect(try c.value("SELECT count(*) FROM recouvre.due_hints", as: Int.self) == 2)
    }

    @Test func everyTimeZoneTheDatabaseAcceptsIsOneTheDaemonCanRead() throws {
        let names = try database.connection.query("SELECT name FROM recouvre.time_zones").rows.map { try $0.decode(String.self, "name") }
        #expect(names.count > 300)
        let unreadable = names.filter { TimeZone(identifier: $0) == nil }
        #expect(unreadable.isEmpty, "unreadable by Foundation: \(unreadable.prefix(20))")
    }

    /// The procedure's functions run with the schema owner's rights: a role that may read and
    /// insert receivables may not call them unless EXECUTE is granted to it.
    @Test func theProcedureFunctionsNeedAGrantOfTheirOwn() throws {
        let c = try connectAsRole()
        defer { c.close() }
        try c.query("INSERT INTO debtors (external_ref, name) VALUES ('D1', 'Martin')")
        for call in ["SELECT write_off(1, 'x')", "SELECT open_dispute(1, NULL, 'x')", "SELECT request_review(1)",
                     "SELECT record_promise(1, 10, current_date + 5)", "SELECT decide_approval(1, true)"] {
            let error = try #require(throws: PostgresError.self) { try c.query(call) }
            #expect(error.sqlState == "42501", "\(call): \(error)")
        }
        try database.connection.execute("GRANT EXECUTE ON FUNCTION tenant_acme.open_dispute(bigint, bigint, text, text) TO \(role)")
        let granted = try #require(throws: PostgresError.self) { try c.query("SELECT open_dispute(1, NULL, '')") }
        #expect(granted.sqlState != "42501", "with the grant the function runs and validates: \(granted)")
    }
}
