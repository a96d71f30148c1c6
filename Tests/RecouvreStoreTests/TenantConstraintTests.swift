import Foundation
import Postgres
import RecouvreStore
import Testing

@Suite("Tenant schema constraints")
final class TenantConstraintTests {
    let database: StoreDatabase
    let sql: PostgresConnection
    let debtor: Int64
    let otherDebtor: Int64

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
        debtor = try sql.insertDebtor(ref: "CLI-001")
        otherDebtor = try sql.insertDebtor(ref: "CLI-002", email: nil)
    }

    /// Runs a statement that must be refused with `sqlState` by `constraint`, and checks that
    /// `table` did not change.
    private func expectRefused(
        _ sqlState: String, _ constraint: String?, table: String,
        _ statement: String, _ parameters: [(any PostgresEncodable)?] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try sql.count(table)
        let error = try #require(throws: PostgresError.self, sourceLocation: sourceLocation) {
            try self.sql.query(statement, parameters)
        }
        #expect(error.sqlState == sqlState, "\(error)", sourceLocation: sourceLocation)
        #expect(error.constraint == constraint, "\(error)", sourceLocation: sourceLocation)
        #expect(try sql.count(table) == before, sourceLocation: sourceLocation)
    }

    private let invoiceInsert = """
        INSERT INTO invoices (debtor_id, number, issued_on, due_on, currency, amount)
        VALUES ($1, $2, $3::date, $4::date, $5, $6::numeric)
        """

    @Test(arguments: ["0", "0.00", "-12.50"])
    func invoiceAmountMustBePositive(amount: String) throws {
        try expectRefused("23514", "invoice_amount_positive", table: "invoices",
                          invoiceInsert, [debtor, "F-1", "2024-03-01", "2024-03-31", "EUR", amount])
    }

    @Test func invoiceDueDateCannotPrecedeIssueDate() throws {
        try expectRefused("23514", "invoice_due_on_not_before_issued_on", table: "invoices",
                          invoiceInsert, [debtor, "F-1", "2024-03-01", "2024-02-29", "EUR", "100.00"])
        // Due the day it is issued is allowed.
        _ = try sql.insertInvoice(debtor: debtor, number: "F-2", amount: "100.00", issuedOn: "2024-03-01", dueOn: "2024-03-01")
    }

    @Test(arguments: ["XXX", "eur", "EURO", ""])
    func invoiceCurrencyMustBeISO4217(currency: String) throws {
        try expectRefused("23514", "invoice_currency_iso4217", table: "invoices",
                          invoiceInsert, [debtor, "F-1", "2024-03-01", "2024-03-31", currency, "100.00"])
    }

    @Test func invoiceDebtorMustExist() throws {
        try expectRefused("23503", "invoice_debtor_must_exist", table: "invoices",
                          invoiceInsert, [Int64(999_999), "F-1", "2024-03-01", "2024-03-31", "EUR", "100.00"])
    }

    @Test func invoiceNumberIsUnique() throws {
        _ = try sql.insertInvoice(debtor: debtor, number: "F-2024-001", amount: "100.00")
        try expectRefused("23505", "invoice_number_unique", table: "invoices",
                          invoiceInsert, [otherDebtor, "F-2024-001", "2024-03-01", "2024-03-31", "EUR", "5.00"])
    }

    @Test func invoiceNumberCannotBeBlank() throws {
        try expectRefused("23514", "invoice_number_not_blank", table: "invoices",
                          invoiceInsert, [debtor, "  ", "2024-03-01", "2024-03-31", "EUR", "5.00"])
    }

    @Test func debtorExternalRefIsUnique() throws {
        try expectRefused("23505", "debtor_external_ref_unique", table: "debtors",
                          "INSERT INTO debtors (external_ref, name) VALUES ($1, $2)", ["CLI-001", "Someone else"])
    }

    @Test(arguments: ["compta", "compta@", "@debtor.example", "compta@debtor", "compta @debtor.example", "a@b@c.example"])
    func debtorEmailMustBeAnAddress(email: String) throws {
        try expectRefused("23514", "debtor_email_format", table: "debtors",
                          "INSERT INTO debtors (external_ref, name, email) VALUES ($1, $2, $3)", ["CLI-9", "Debtor", email])
    }

    @Test func debtorKindIsBusinessOrConsumer() throws {
        try expectRefused("23514", "debtor_kind_business_or_consumer", table: "debtors",
                          "INSERT INTO debtors (external_ref, name, kind) VALUES ($1, $2, $3)", ["CLI-9", "Debtor", "company"])
        _ = try sql.query("INSERT INTO debtors (external_ref, name, kind) VALUES ('CLI-10', 'Jeanne Martin', 'consumer')")
    }

    @Test func debtorTimezoneMustBeKnown() throws {
        try expectRefused("23514", "debtor_timezone_known", table: "debtors",
                          "INSERT INTO debtors (external_ref, name, timezone) VALUES ($1, $2, $3)",
                          ["CLI-9", "Debtor", "Europe/Atlantis"])
        _ = try sql.query("INSERT INTO debtors (external_ref, name, timezone) VALUES ('CLI-10', 'D', 'Indian/Reunion')")
    }

    @Test func debtorOtherFieldChecks() throws {
        let insert = "INSERT INTO debtors (external_ref, name, phone, country, locale) VALUES ($1, $2, $3, $4, $5)"
        try expectRefused("23514", "debtor_name_not_blank", table: "debtors", insert, ["CLI-9", " ", nil, "FR", nil])
        try expectRefused("23514", "debtor_external_ref_not_blank", table: "debtors", insert, ["", "D", nil, "FR", nil])
        try expectRefused("23514", "debtor_phone_format", table: "debtors", insert, ["CLI-9", "D", "call me", "FR", nil])
        try expectRefused("23514", "debtor_country_iso3166", table: "debtors", insert, ["CLI-9", "D", nil, "France", nil])
        try expectRefused("23514", "debtor_locale_known", table: "debtors", insert, ["CLI-9", "D", nil, "FR", "de"])
        _ = try sql.query(insert, ["CLI-9", "D", "+33 1 23 45 67 89", "BE", "en"])
    }

    @Test(arguments: ["0", "-0.01"])
    func paymentAmountMustBePositive(amount: String) throws {
        try expectRefused("23514", "payment_amount_positive", table: "payments",
                          "INSERT INTO payments (debtor_id, amount) VALUES ($1, $2::numeric)", [debtor, amount])
    }

    @Test func paymentCurrencyMustBeISO4217() throws {
        try expectRefused("23514", "payment_currency_iso4217", table: "payments",
                          "INSERT INTO payments (debtor_id, amount, currency) VALUES ($1, 10, $2)", [debtor, "FRF"])
    }

    @Test func paymentDebtorMustExist() throws {
        try expectRefused("23503", "payment_debtor_must_exist", table: "payments",
                          "INSERT INTO payments (debtor_id, amount) VALUES ($1, 10)", [Int64(424_242)])
    }

    @Test func paymentCannotNameAnotherDebtorsInvoice() throws {
        let invoice = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "100.00")
        try expectRefused("23503", "payment_invoice_of_same_debtor_and_currency", table: "payments",
                          "INSERT INTO payments (debtor_id, invoice_id, amount) VALUES ($1, $2, 10)", [otherDebtor, invoice])
        try expectRefused("23503", "payment_invoice_of_same_debtor_and_currency", table: "payments",
                          "INSERT INTO payments (debtor_id, invoice_id, amount) VALUES ($1, $2, 10)", [debtor, Int64(31_337)])
        _ = try sql.insertPayment(debtor: debtor, invoice: invoice, amount: "10.00")
    }

    @Test func paymentNamingAnInvoiceMustBeInItsCurrency() throws {
        let invoice = try sql.insertInvoice(debtor: debtor, number: "F-GBP", amount: "100.00")
        _ = try sql.query("UPDATE invoices SET currency = 'GBP' WHERE id = $1", [invoice])
        try expectRefused("23503", "payment_invoice_of_same_debtor_and_currency", table: "payments",
                          "INSERT INTO payments (debtor_id, invoice_id, amount, currency) VALUES ($1, $2, 100, 'USD')", [debtor, invoice])
        try expectRefused("23503", "payment_invoice_of_same_debtor_and_currency", table: "payments",
                          "INSERT INTO payments (debtor_id, invoice_id, amount) VALUES ($1, $2, 100)", [debtor, invoice])
    }

    @Test(arguments: ["CET", "UTC+3", "posix/Europe/Paris", "Europe/Nowhere", "europe/paris", "EUROPE/PARIS",
                      "Europe/Paris+3", ""])
    func debtorTimeZoneMustBeARegionCityName(zone: String) throws {
        try expectRefused("23514", "debtor_timezone_known", table: "debtors",
                          "INSERT INTO debtors (external_ref, name, timezone) VALUES ('TZ', 'T', $1)", [zone])
    }

    @Test func eventsCannotBeUpdatedDeletedOrTruncated() throws {
        let debtorID = debtor
        _ = try sql.insertInvoice(debtor: debtorID, number: "F-1", amount: "100.00")
        let before = try sql.query("SELECT id, kind, detail::text AS detail FROM events ORDER BY id").rows
            .map { "\(try $0.decode(Int64.self, "id")) \(try $0.decode(String.self, "kind")) \(try $0.decode(String.self, "detail"))" }
        #expect(before.count == 1)

        for statement in ["UPDATE events SET kind = 'tampered'", "DELETE FROM events", "TRUNCATE events"] {
            let error = try #require(throws: PostgresError.self) { try self.sql.query(statement) }
            #expect(error.sqlState == "23001", "\(statement): \(error)")
            #expect(error.message.contains("append-only"))
            #expect(error.hint?.contains("new event") == true)
        }
        let after = try sql.query("SELECT id, kind, detail::text AS detail FROM events ORDER BY id").rows
            .map { "\(try $0.decode(Int64.self, "id")) \(try $0.decode(String.self, "kind")) \(try $0.decode(String.self, "detail"))" }
        #expect(after == before)
    }

    @Test func actionChecks() throws {
        try expectRefused("23514", "action_kind_known", table: "actions",
                          "INSERT INTO actions (kind) VALUES ('sms_reminder')")
        try expectRefused("23514", "action_state_known", table: "actions",
                          "INSERT INTO actions (kind, state) VALUES ('review_debtor', 'paused')")
        try expectRefused("23514", "action_channel_known", table: "actions",
                          "INSERT INTO actions (kind, channel) VALUES ('review_debtor', 'fax')")
        try expectRefused("23514", "action_running_has_lease", table: "actions",
                          "INSERT INTO actions (kind, state) VALUES ('review_debtor', 'running')")
    }
}
