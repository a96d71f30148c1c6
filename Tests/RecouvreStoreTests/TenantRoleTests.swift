import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import RecouvreTestSupport
import Testing

/// Each tenant's reader and writer roles: what they may do in their schema, and that they are
/// refused everywhere else, tried through login roles granted into them.
@Suite("Tenant roles: reader and writer")
final class TenantRoleTests {
    let database: StoreDatabase
    let acme: TenantRoles
    let beta: TenantRoles
    /// Login roles of this test, granted into acme's roles.
    let readerLogin = "login_r_\(UUID().uuidString.prefix(8).lowercased())"
    let writerLogin = "login_w_\(UUID().uuidString.prefix(8).lowercased())"

    init() throws {
        database = try StoreDatabase()
        let acmeSlug = try database.tenant("acme").slug
        let betaSlug = try database.tenant("beta").slug
        acme = try TenantRoles.read(database.connection, slug: acmeSlug)
        beta = try TenantRoles.read(database.connection, slug: betaSlug)
        let name = try database.connection.value("SELECT current_database()", as: String.self)
        try database.connection.execute("""
            CREATE ROLE \(readerLogin) LOGIN IN ROLE \(PostgresConnection.quoteIdentifier(acme.reader));
            CREATE ROLE \(writerLogin) LOGIN IN ROLE \(PostgresConnection.quoteIdentifier(acme.writer));
            GRANT CONNECT ON DATABASE \(PostgresConnection.quoteIdentifier(name)) TO \(readerLogin), \(writerLogin);
            """)
        // Data in the other tenant, to try to read.
        try database.connection.execute("""
            INSERT INTO tenant_beta.debtors (external_ref, name) VALUES ('B1', 'Beta client');
            """)
    }

    deinit {
        try? database.connection.execute("DROP OWNED BY \(readerLogin), \(writerLogin)")
        try? database.connection.execute("DROP ROLE IF EXISTS \(readerLogin); DROP ROLE IF EXISTS \(writerLogin)")
    }

    private func connect(as role: String) throws -> PostgresConnection {
        let c = try PostgresConnection(conninfo: database.conninfo + " user=\(role)")
        try c.execute("SET search_path = tenant_acme")
        return c
    }

    private func expectDenied(_ c: PostgresConnection, _ statements: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) {
        for statement in statements {
            let error = #expect(throws: PostgresError.self, "\(statement)", sourceLocation: sourceLocation) {
                try c.query(statement)
            }
            #expect(error?.sqlState == "42501", "\(statement): \(String(describing: error))", sourceLocation: sourceLocation)
        }
    }

    @Test func theRolesAreNamedWithTheDatabasesPrefixAndCannotLogIn() throws {
        let prefix = try database.connection.value("SELECT role_prefix FROM recouvre.role_settings", as: String.self)
        let name = try database.connection.value("SELECT current_database()", as: String.self)
        #expect(prefix == TestDatabase.rolePrefix(database: name))
        #expect(acme == TenantRoles(reader: prefix + "tenant_acme_reader", writer: prefix + "tenant_acme_writer"))
        let rows = try database.connection.query("""
            SELECT rolname, rolcanlogin, pg_has_role(rolname, $1, 'MEMBER') AS reads
            FROM pg_roles WHERE rolname IN ($1, $2) ORDER BY rolname
            """, [acme.reader, acme.writer]).rows
        #expect(rows.count == 2)
        for row in rows {
            #expect(try row.decode(Bool.self, "rolcanlogin") == false)
            #expect(try row.decode(Bool.self, "reads"), "the writer is a member of the reader")
        }
    }

    @Test func theWriterLoadsReceivablesAndTheTriggersStillRunAsTheOwner() throws {
        let c = try connect(as: writerLogin)
        defer { c.close() }
        let debtor = try c.insertDebtor(ref: "D1")
        let invoice = try c.insertInvoice(debtor: debtor, number: "F-1", amount: "120.00")
        _ = try c.insertPayment(debtor: debtor, invoice: invoice, amount: "20.00")
        _ = try c.query("UPDATE debtors SET city = 'Lyon' WHERE id = $1", [debtor])
        _ = try c.query("UPDATE invoices SET due_on = '2024-02-29' WHERE id = $1", [invoice])
        // The triggers scheduled work and wrote the operator schema's hints and counters.
        let admin = database.connection
        #expect(try admin.value("SELECT count(*) FROM tenant_acme.actions", as: Int.self) >= 1)
        let journal = try admin.query("SELECT kind FROM tenant_acme.events ORDER BY id").rows.map { try $0.decode(String.self, "kind") }
        #expect(journal.starts(with: ["invoice_recorded", "payment_received"]), "\(journal)")
        #expect(journal.contains("invoice_due_date_changed"), "\(journal)")
        #expect(try admin.value("SELECT count(*) FROM recouvre.due_hints WHERE tenant = 'acme'", as: Int.self) >= 1)
        #expect(try admin.value("SELECT invoices FROM recouvre.tenant_volumes WHERE tenant = 'acme'", as: Int.self) == 1)
        // The constraints' validation helpers run for it: a bad value is a check violation,
        // not a permission error.
        for bad in ["INSERT INTO debtors (external_ref, name, email) VALUES ('D2', 'X', 'not-an-address')",
                    "INSERT INTO debtors (external_ref, name, timezone) VALUES ('D3', 'X', 'Mars/Olympus')",
                    "INSERT INTO invoices (debtor_id, number, issued_on, due_on, amount, currency) SELECT id, 'F-2', '2024-01-01', '2024-01-02', 1, 'XXX' FROM debtors"] {
            let error = try #require(throws: PostgresError.self) { try c.query(bad) }
            #expect(error.sqlState == "23514", "\(bad): \(error)")
        }
        // Reading what the reader reads, and a procedure function.
        #expect(try c.value("SELECT outstanding FROM invoice_balances", as: String.self) == "100.00")
        #expect(try c.value("SELECT request_review($1)", [debtor], as: Int64.self) > 0)
        #expect(try c.count("aged_balance") == 1)
        // The IBANs a debtor pays from, which bank-statement matching uses.
        _ = try c.query("INSERT INTO debtor_ibans (debtor_id, iban) VALUES ($1, 'FR7630006000011234567890189')", [debtor])
        #expect(try c.count("debtor_ibans") == 1)
        _ = try c.query("DELETE FROM debtor_ibans")
        expectDenied(c, ["INSERT INTO bank_statements DEFAULT VALUES", "UPDATE bank_credits SET state = 'ignored'"])
    }

    @Test func aFileImportRunsUnderTheWriterRole() throws {
        let c = try connect(as: writerLogin)
        defer { c.close() }
        let slug = try TenantSlug("acme")
        func load(_ table: ImportTable, _ fields: [String], _ rows: [(Int, [String?])]) throws -> ImportOutcome {
            try ReceivablesImport(slug: slug, table: table, fields: fields).run(on: c, dryRun: false) { sink in
                for (line, values) in rows { try sink.add(line: line, values: values) }
                return .init(issues: [], issueCount: 0)
            }
        }
        // Every check the import runs before writing, e-mail, time zone and currency included.
        let debtors = try load(.debtors, ["external_ref", "name", "email", "timezone"],
                               [(2, ["D1", "Martin", "compta@martin.example", "Europe/Paris"])])
        guard case .applied(let counts) = debtors else { Issue.record("\(debtors)"); return }
        #expect(counts.inserted == 1)
        let payments = try load(.payments, ["debtor", "amount", "currency", "received_on", "reference"],
                                [(2, ["D1", "12.50", "EUR", "2026-01-05", "VIR-1"])])
        guard case .applied(let paid) = payments else { Issue.record("\(payments)"); return }
        #expect(paid.inserted == 1)
        let refused = try load(.debtors, ["external_ref", "name", "email"], [(2, ["D2", "X", "not-an-address"])])
        guard case .rejected(let problems, _) = refused else { Issue.record("\(refused)"); return }
        #expect(problems.map(\.field) == ["email"])
    }

    @Test func theWriterIsRefusedTheDaemonsTablesTheOperatorSchemaAndOtherTenants() throws {
        let c = try connect(as: writerLogin)
        defer { c.close() }
        expectDenied(c, [
            "INSERT INTO actions (kind) VALUES ('review_debtor')",
            "UPDATE actions SET state = 'cancelled'",
            "INSERT INTO events (kind) VALUES ('forged')",
            "DELETE FROM debtors",
            "SELECT note_due_work('-infinity')",
            "SELECT review_open_cases(ARRAY['business'])",
            "CREATE TABLE tenant_acme.mine (id int)",
            "SELECT * FROM recouvre.tenants",
            "SELECT * FROM recouvre.tenant_channels",
            "INSERT INTO recouvre.due_hints VALUES ('acme', '-infinity')",
            "UPDATE recouvre.due_work SET next_due_at = 'infinity'",
            "SELECT * FROM recouvre.tenant_activity",
            "SELECT recouvre.count_volumes('acme', 1, 1, 1, 1)",
            "SELECT * FROM tenant_beta.debtors",
            "INSERT INTO tenant_beta.debtors (external_ref, name) VALUES ('X', 'X')",
            "SELECT tenant_beta.request_review(1)",
            "SET ROLE \(PostgresConnection.quoteIdentifier(beta.writer))",
        ])
    }

    @Test func theReaderReadsAndReportsButWritesNothing() throws {
        let writer = try connect(as: writerLogin)
        let debtor = try writer.insertDebtor(ref: "D1")
        _ = try writer.insertInvoice(debtor: debtor, number: "F-1", amount: "50.00")
        writer.close()
        let c = try connect(as: readerLogin)
        defer { c.close() }
        #expect(try c.count("debtors") == 1)
        #expect(try c.count("actions") == 1)
        #expect(try c.count("events") >= 1)
        #expect(try c.count("aged_balance_total") == 1)
        #expect(try c.value("SELECT total FROM aged_balance_as_of('2024-06-30')", as: String.self) == "50.00")
        _ = try c.query("SELECT * FROM claim_statement($1, '2024-06-30')", [debtor])
        _ = try c.value("SELECT local_today()", as: String.self)
        // Every report, and what bank statements left, is readable: the reader is for reporting.
        for view in ["dso_by_month", "collection_effectiveness_by_month", "collected_by_month", "promise_outcomes",
                     "plan_outcomes", "stage_funnel", "channel_effectiveness", "disputes_by_reason",
                     "prescription_ending_soon", "bank_statements", "bank_credits", "debtor_ibans"] {
            #expect(throws: Never.self, "the reader reads \(view)") { _ = try c.query("SELECT * FROM \(view)") }
        }
        #expect(try c.count("stage_funnel") == 6)
        expectDenied(c, [
            "INSERT INTO debtors (external_ref, name) VALUES ('D2', 'X')",
            "UPDATE invoices SET amount = 1",
            "SELECT request_review(1)",
            "SELECT write_off(1, 'x')",
            "SELECT * FROM tenant_beta.debtors",
            "SELECT * FROM tenant_beta.invoice_balances",
            "SELECT * FROM recouvre.tenants",
            "SELECT * FROM recouvre.legal_rates",
            "SELECT * FROM recouvre.tenant_volumes",
            "SELECT recouvre.tenant_role('acme', 'writer')",
            "SET ROLE \(PostgresConnection.quoteIdentifier(acme.writer))",
        ])
    }

    @Test func setRoleFromTheOwnerConfinesTheSessionToo() throws {
        let c = try database.connect()
        defer { c.close() }
        try c.execute("SET search_path = tenant_acme; SET ROLE \(PostgresConnection.quoteIdentifier(acme.writer))")
        _ = try c.insertDebtor(ref: "D9")
        expectDenied(c, ["SELECT * FROM tenant_beta.debtors", "SELECT * FROM recouvre.due_work"])
    }

    /// A view a later migration adds (the reporting views, say) is readable by the reader
    /// without a grant of its own: the migrating role's default privileges give it.
    @Test func theReaderReadsAViewALaterMigrationCreates() throws {
        try database.connection.execute("""
            CREATE VIEW tenant_acme.later_report AS SELECT count(*) AS debtors FROM tenant_acme.debtors;
            CREATE TABLE tenant_acme.later_table (id int);
            """)
        let reader = try connect(as: readerLogin)
        defer { reader.close() }
        #expect(try reader.value("SELECT debtors FROM later_report", as: Int.self) == 0)
        #expect(try reader.count("later_table") == 0)
        let writer = try connect(as: writerLogin)
        defer { writer.close() }
        expectDenied(writer, ["INSERT INTO later_table VALUES (1)"])
    }
}
