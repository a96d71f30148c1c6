import Postgres
import RecouvreCore
import RecouvreStore
import Testing

/// Imports into a real tenant schema: all or nothing, idempotent, untouched rows left alone.
@Suite struct ReceivablesImportTests {
    let database: StoreDatabase
    let slug: TenantSlug
    let sql: PostgresConnection

    init() throws {
        database = try StoreDatabase()
        (slug, sql) = try database.tenant("imp")
    }

    /// Imports `rows` (line, values) with `fields`.
    func load(_ table: ImportTable, _ fields: [String], _ rows: [(Int, [String?])], dryRun: Bool = false) throws -> ImportOutcome {
        let connection = try database.connect()
        defer { connection.close() }
        return try ReceivablesImport(slug: slug, table: table, fields: fields).run(on: connection, dryRun: dryRun) { sink in
            for (line, values) in rows { try sink.add(line: line, values: values) }
            return .init(issues: [], issueCount: 0)
        }
    }

    static let debtorFields = ["external_ref", "name", "kind", "email", "city"]
    static let debtors: [(Int, [String?])] = [
        (2, ["D1", "Boulangerie Martin", "business", "compta@martin.example", "Lyon"]),
        (3, ["D2", "Jeanne Petit", "consumer", nil, "Créteil"]),
    ]
    static let invoiceFields = ["number", "debtor", "issued_on", "due_on", "amount"]

    @Test func aSecondImportOfTheSameRowsChangesNothingAndTouchesNoRow() throws {
        #expect(try load(.debtors, Self.debtorFields, Self.debtors) == .applied(ImportCounts(rows: 2, inserted: 2, updated: 0, unchanged: 0)))
        let invoices: [(Int, [String?])] = [(2, ["FA-1", "D1", "2026-01-10", "2026-02-09", "120.50"]),
                                           (3, ["FA-2", "D2", "2026-01-12", "2026-02-11", "80"])]
        #expect(try load(.invoices, Self.invoiceFields, invoices) == .applied(ImportCounts(rows: 2, inserted: 2, updated: 0, unchanged: 0)))
        let events = try sql.count("events"), actions = try sql.count("actions")
        let stamp: String = try sql.value("SELECT max(updated_at)::text FROM debtors")
        let tuples: String = try sql.value("SELECT string_agg(xmin::text, ',' ORDER BY id) FROM invoices")

        #expect(try load(.debtors, Self.debtorFields, Self.debtors) == .applied(ImportCounts(rows: 2, inserted: 0, updated: 0, unchanged: 2)))
        #expect(try load(.invoices, Self.invoiceFields, invoices) == .applied(ImportCounts(rows: 2, inserted: 0, updated: 0, unchanged: 2)))
        #expect(try sql.count("events") == events && sql.count("actions") == actions)
        #expect(try sql.value("SELECT max(updated_at)::text FROM debtors") == stamp)
        #expect(try sql.value("SELECT string_agg(xmin::text, ',' ORDER BY id) FROM invoices") == tuples)

        // A new due date is an update, and replans: the invoice trigger journals it.
        let later: [(Int, [String?])] = [(2, ["FA-1", "D1", "2026-01-10", "2026-03-09", "120.50"]), invoices[1]]
        #expect(try load(.invoices, Self.invoiceFields, later) == .applied(ImportCounts(rows: 2, inserted: 0, updated: 1, unchanged: 1)))
        #expect(try sql.value("SELECT count(*) FROM events WHERE kind = 'invoice_due_date_changed'") == 1)
        // Columns the file does not give keep their values.
        #expect(try load(.debtors, ["external_ref", "name"], [(2, ["D1", "Boulangerie Martin & Fils"])])
            == .applied(ImportCounts(rows: 1, inserted: 0, updated: 1, unchanged: 0)))
        #expect(try sql.value("SELECT city FROM debtors WHERE external_ref = 'D1'") == "Lyon")
    }

    @Test func aFileWithProblemsIsRefusedWholeWithTheLineOfEach() throws {
        _ = try load(.debtors, Self.debtorFields, Self.debtors)
        let outcome = try load(.invoices, Self.invoiceFields + ["currency"], [
            (2, ["FA-1", "D1", "2026-01-10", "2026-02-09", "10", "EUR"]),
            (3, ["FA-2", "NOBODY", "2026-01-10", "2026-02-09", "10", nil]),
            (4, ["FA-1", "D2", "2026-01-10", "2026-02-09", "10", nil]),
            (5, ["FA-3", "D2", "2026-03-10", "2026-02-09", "10", "ZZZ"]),
        ])
        guard case .rejected(let issues, let truncated) = outcome else { Issue.record("applied: \(outcome)"); return }
        #expect(!truncated)
        #expect(issues.map(\.line) == [3, 4, 5, 5])
        #expect(issues[0].message.contains("no debtor 'NOBODY'"))
        #expect(issues[1].message == "the invoice number FA-1 is already on line 2: each may appear once")
        #expect(Set(issues[2...].map { $0.field ?? "" }) == ["due_on", "currency"])
        #expect(try sql.count("invoices") == 0)
    }

    @Test func aConstraintTheChecksDoNotMirrorIsReportedOnItsLine() throws {
        // The table refuses a country code that is not two capital letters; the file said "fr".
        let outcome = try load(.debtors, ["external_ref", "name", "country"], [
            (2, ["D1", "Un", "FR"]), (3, ["D2", "Deux", "BE"]), (4, ["D3", "Trois", "fr"]), (5, ["D4", "Quatre", "FR"]),
        ])
        guard case .rejected(let issues, _) = outcome else { Issue.record("applied: \(outcome)"); return }
        #expect(issues.count == 1)
        #expect(issues.first?.line == 4)
        #expect(issues.first?.message.contains("debtor_country_iso3166") == true, "\(issues)")
        #expect(try sql.count("debtors") == 0)
    }

    @Test func paymentsAreKeyedByReferenceOrContentAndNeverRecordedTwice() throws {
        _ = try load(.debtors, Self.debtorFields, Self.debtors)
        _ = try load(.invoices, Self.invoiceFields, [(2, ["FA-1", "D1", "2026-01-10", "2026-02-09", "120.50"])])
        let fields = ["debtor", "invoice", "amount", "currency", "received_on", "reference"]
        let payments: [(Int, [String?])] = [
            (2, ["D1", "FA-1", "20.50", nil, "2026-02-01", "VIR-778"]),
            (3, ["D2", nil, "50", nil, "2026-02-03", nil]),
            (4, ["D2", nil, "50.00", "EUR", "2026-02-03", nil]),  // the same again that day: a second payment
        ]
        #expect(try load(.payments, fields, payments) == .applied(ImportCounts(rows: 3, inserted: 3, updated: 0, unchanged: 0)))
        #expect(try load(.payments, fields, payments) == .applied(ImportCounts(rows: 3, inserted: 0, updated: 0, unchanged: 3)))
        #expect(try sql.count("payments") == 3)
        #expect(try sql.value("SELECT count(*) FROM events WHERE kind = 'payment_received'") == 3)

        // A reference seen before with another amount is refused, not changed.
        let changed = try load(.payments, fields, [(2, ["D1", "FA-1", "25.00", nil, "2026-02-01", "VIR-778"])])
        guard case .rejected(let issues, _) = changed else { Issue.record("applied: \(changed)"); return }
        #expect(issues.first?.message.contains("was imported before as 20.50 EUR") == true, "\(issues)")

        let wrong = try load(.payments, fields, [(7, ["D2", "FA-1", "10", nil, "2026-02-01", "X"]), (8, ["D1", "FA-9", "1", nil, "2026-02-01", "Y"])])
        guard case .rejected(let problems, _) = wrong else { Issue.record("applied: \(wrong)"); return }
        #expect(problems.map(\.line) == [7, 8])
        #expect(problems[0].message.contains("is debtor D1's"))
        #expect(problems[1].message == "no invoice 'FA-9' in this tenant")
    }

    @Test func anInvoiceAmountNeverGoesBelowWhatWasPaidOnIt() throws {
        _ = try load(.debtors, Self.debtorFields, Self.debtors)
        _ = try load(.invoices, Self.invoiceFields, [(2, ["FA-1", "D1", "2026-01-10", "2026-02-09", "100.00"])])
        let invoice = try sql.value("SELECT id FROM invoices WHERE number = 'FA-1'", as: Int64.self)
        let debtor = try sql.value("SELECT debtor_id FROM invoices WHERE number = 'FA-1'", as: Int64.self)
        _ = try sql.insertPayment(debtor: debtor, invoice: invoice, amount: "60.00")
        let lowered = try load(.invoices, Self.invoiceFields, [(2, ["FA-1", "D1", "2026-01-10", "2026-02-09", "50.00"])])
        guard case .rejected(let issues, _) = lowered else { Issue.record("applied: \(lowered)"); return }
        #expect(issues.map(\.description) == [
            "line 2, amount: invoice FA-1 has 60.00 paid or granted already: its amount cannot go below that (record a credit note instead)",
        ])
        // Down to what was paid, or above it, is a correction the file may make.
        guard case .applied(let counts) = try load(.invoices, Self.invoiceFields,
                                                   [(2, ["FA-1", "D1", "2026-01-10", "2026-02-09", "60.00"])]) else {
            Issue.record("refused"); return
        }
        #expect(counts.updated == 1)
    }

    @Test func aDryRunCountsAndRollsBack() throws {
        #expect(try load(.debtors, Self.debtorFields, Self.debtors, dryRun: true)
            == .applied(ImportCounts(rows: 2, inserted: 2, updated: 0, unchanged: 0)))
        #expect(try sql.count("debtors") == 0)
    }
}
