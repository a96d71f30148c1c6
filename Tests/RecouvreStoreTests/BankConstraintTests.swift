import Foundation
import Postgres
import RecouvreStore
import Testing

@Suite("Bank statement constraints")
final class BankConstraintTests {
    let database: StoreDatabase
    let sql: PostgresConnection
    let statement: Int64
    let debtor: Int64

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
        debtor = try sql.insertDebtor(ref: "CLI-001")
        statement = try sql.value("""
            INSERT INTO bank_statements (format, account_iban, reference)
            VALUES ('camt.053', 'FR7630004008280001234567841', 'S-1') RETURNING id
            """)
        _ = try sql.query("""
            INSERT INTO bank_credits (statement_id, account_iban, entry_ref, amount, currency, booked_on)
            VALUES ($1, 'FR7630004008280001234567841', 'E-1', 10, 'EUR', '2026-03-03')
            """, [statement])
    }

    private func expectRefused(_ sqlState: String, _ constraint: String, table: String, _ statement: String,
                               _ parameters: [(any PostgresEncodable)?] = [],
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try sql.count(table)
        let error = try #require(throws: PostgresError.self, sourceLocation: sourceLocation) {
            try self.sql.query(statement, parameters)
        }
        #expect(error.sqlState == sqlState, "\(error)", sourceLocation: sourceLocation)
        #expect(error.constraint == constraint, "\(error)", sourceLocation: sourceLocation)
        #expect(try sql.count(table) == before, sourceLocation: sourceLocation)
    }

    private func credit(_ columns: String = "", _ values: String = "", entry: String = "E-2", amount: String = "10",
                        currency: String = "EUR") -> String {
        """
        INSERT INTO bank_credits (statement_id, account_iban, entry_ref, amount, currency, booked_on\(columns))
        VALUES ($1, 'FR7630004008280001234567841', '\(entry)', \(amount), '\(currency)', '2026-03-03'\(values))
        """
    }

    @Test func statementsHaveAKnownFormatAnAccountAndOneRowPerReference() throws {
        let insert = "INSERT INTO bank_statements (format, account_iban, reference) VALUES ($1, $2, $3)"
        try expectRefused("23514", "bank_statement_format_known", table: "bank_statements", insert,
                          ["mt940", "FR7630004008280001234567841", "S-2"])
        try expectRefused("23514", "bank_statement_account_format", table: "bank_statements", insert,
                          ["camt.053", "FR76 3000 4008", "S-2"])
        try expectRefused("23514", "bank_statement_reference_not_blank", table: "bank_statements", insert,
                          ["camt.053", "FR7630004008280001234567841", " "])
        try expectRefused("23505", "bank_statement_unique", table: "bank_statements", insert,
                          ["camt.054", "FR7630004008280001234567841", "S-1"])
    }

    @Test func creditsArePositiveInACurrencyOnceEachWithAKnownState() throws {
        try expectRefused("23505", "bank_credit_entry_unique", table: "bank_credits", credit(entry: "E-1"), [statement])
        try expectRefused("23514", "bank_credit_entry_ref_not_blank", table: "bank_credits", credit(entry: " "), [statement])
        try expectRefused("23514", "bank_credit_amount_positive", table: "bank_credits", credit(amount: "0"), [statement])
        try expectRefused("23514", "bank_credit_currency_iso4217", table: "bank_credits", credit(currency: "EURO"), [statement])
        try expectRefused("23514", "bank_credit_state_known", table: "bank_credits",
                          credit(", state", ", 'paid'"), [statement])
        try expectRefused("23514", "bank_credit_confidence_range", table: "bank_credits",
                          credit(", confidence", ", -1"), [statement])
        try expectRefused("23514", "bank_credit_suggestions_array", table: "bank_credits",
                          credit(", suggestions", ", '{}'::jsonb"), [statement])
        try expectRefused("23503", "bank_credit_statement_must_exist", table: "bank_credits", credit(), [999])
    }

    @Test func aCreditIsPaidExactlyWhenItHasItsOwnPayment() throws {
        let payment: Int64 = try sql.value("INSERT INTO payments (debtor_id, amount) VALUES ($1, 10) RETURNING id", [debtor])
        try expectRefused("23514", "bank_credit_payment_when_paid", table: "bank_credits",
                          credit(", state", ", 'matched'"), [statement])
        try expectRefused("23514", "bank_credit_payment_when_paid", table: "bank_credits",
                          credit(", payment_id", ", $2"), [statement, payment])
        try expectRefused("23503", "bank_credit_payment_must_exist", table: "bank_credits",
                          credit(", state, payment_id", ", 'matched', 999"), [statement])
        _ = try sql.query("UPDATE bank_credits SET state = 'matched', payment_id = $1 WHERE entry_ref = 'E-1'", [payment])
        try expectRefused("23505", "bank_credit_one_payment", table: "bank_credits",
                          credit(", state, payment_id", ", 'assigned', $2"), [statement, payment])
    }

    @Test func debtorIBANsAreWellFormedAndTheDebtorsOwn() throws {
        let insert = "INSERT INTO debtor_ibans (debtor_id, iban) VALUES ($1, $2)"
        try expectRefused("23514", "debtor_iban_format", table: "debtor_ibans", insert, [debtor, "fr14 2004"])
        try expectRefused("23503", "debtor_iban_debtor_must_exist", table: "debtor_ibans", insert,
                          [999, "FR1420041010050500013M02606"])
        _ = try sql.query(insert, [debtor, "FR1420041010050500013M02606"])
        try expectRefused("23505", "debtor_ibans_pkey", table: "debtor_ibans", insert, [debtor, "FR1420041010050500013M02606"])
    }
}
