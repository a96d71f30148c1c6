import Foundation
import Postgres
import RecouvreStore
import Testing

@Suite("invoice_balances: what is owed, and how payments are allocated")
final class InvoiceBalanceTests {
    let database: StoreDatabase
    let sql: PostgresConnection
    let debtor: Int64

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
        debtor = try sql.insertDebtor(ref: "CLI-001")
    }

    /// (paid, outstanding) of an invoice, exactly.
    private func balance(_ invoice: Int64) throws -> (paid: Decimal, outstanding: Decimal) {
        let row = try #require(try sql.query("SELECT paid, outstanding FROM invoice_balances WHERE invoice_id = $1", [invoice]).first)
        return (try row.decode(Decimal.self, "paid"), try row.decode(Decimal.self, "outstanding"))
    }

    private func decimal(_ text: String) throws -> Decimal {
        try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
    }

    @Test func paymentNamingAnInvoicePaysItAndExcessIsNotCarriedOver() throws {
        let early = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "100.00", dueOn: "2024-01-10")
        let named = try sql.insertInvoice(debtor: debtor, number: "F-2", amount: "50.00", dueOn: "2024-02-10")
        let partly = try sql.insertInvoice(debtor: debtor, number: "F-3", amount: "80.00", dueOn: "2024-03-10")
        _ = try sql.insertPayment(debtor: debtor, invoice: named, amount: "70.00")
        _ = try sql.insertPayment(debtor: debtor, invoice: partly, amount: "30.00")

        #expect(try balance(named) == (try decimal("50.00"), 0))
        // The 20.00 paid too much on F-2 does not reduce the older F-1.
        #expect(try balance(early) == (0, try decimal("100.00")))
        #expect(try balance(partly) == (try decimal("30.00"), try decimal("50.00")))
    }

    @Test func unallocatedPaymentsPayOldestDueDateFirst() throws {
        // Inserted out of due-date order on purpose.
        let march = try sql.insertInvoice(debtor: debtor, number: "F-3", amount: "300.00", issuedOn: "2024-02-01", dueOn: "2024-03-10")
        let january = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "100.00", dueOn: "2024-01-10")
        let february = try sql.insertInvoice(debtor: debtor, number: "F-2", amount: "200.00", dueOn: "2024-02-10")
        _ = try sql.insertPayment(debtor: debtor, amount: "150.00")
        _ = try sql.insertPayment(debtor: debtor, amount: "100.00")

        // 250.00 in the pool: F-1 takes 100.00, F-2 the remaining 150.00 of its 200.00, F-3 nothing.
        #expect(try balance(january) == (try decimal("100.00"), 0))
        #expect(try balance(february) == (try decimal("150.00"), try decimal("50.00")))
        #expect(try balance(march) == (0, try decimal("300.00")))
        #expect(try sql.value("SELECT sum(outstanding) FROM invoice_balances", as: Decimal.self) == (try decimal("350.00")))
    }

    @Test func poolSkipsWhatDirectPaymentsAlreadySettled() throws {
        let first = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "100.00", dueOn: "2024-01-10")
        let second = try sql.insertInvoice(debtor: debtor, number: "F-2", amount: "100.00", dueOn: "2024-02-10")
        _ = try sql.insertPayment(debtor: debtor, invoice: first, amount: "100.00")
        _ = try sql.insertPayment(debtor: debtor, amount: "40.00")
        #expect(try balance(first) == (try decimal("100.00"), 0))
        #expect(try balance(second) == (try decimal("40.00"), try decimal("60.00")))
    }

    @Test func partialPaymentLeavesAnExactBalance() throws {
        let invoice = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "120.50")
        _ = try sql.insertPayment(debtor: debtor, amount: "20.25")
        _ = try sql.insertPayment(debtor: debtor, amount: "0.10")
        #expect(try balance(invoice) == (try decimal("20.35"), try decimal("100.15")))
    }

    @Test func currenciesAreKeptApart() throws {
        let euros = try sql.insertInvoice(debtor: debtor, number: "F-EUR", amount: "100.00", currency: "EUR", dueOn: "2024-01-10")
        let dollars = try sql.insertInvoice(debtor: debtor, number: "F-USD", amount: "100.00", currency: "USD", dueOn: "2024-02-10")
        _ = try sql.insertPayment(debtor: debtor, amount: "100.00", currency: "USD")
        _ = try sql.insertPayment(debtor: debtor, amount: "30.00", currency: "EUR")
        #expect(try balance(euros) == (try decimal("30.00"), try decimal("70.00")))
        #expect(try balance(dollars) == (try decimal("100.00"), 0))
    }

    @Test func debtorsAreKeptApart() throws {
        let other = try sql.insertDebtor(ref: "CLI-002")
        let mine = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "100.00")
        let theirs = try sql.insertInvoice(debtor: other, number: "F-2", amount: "100.00")
        _ = try sql.insertPayment(debtor: other, amount: "500.00")
        #expect(try balance(mine) == (0, try decimal("100.00")))
        #expect(try balance(theirs) == (try decimal("100.00"), 0))
    }

    @Test func daysOverdueCountFromTheServersDate() throws {
        let invoice = try sql.value("""
            INSERT INTO invoices (debtor_id, number, issued_on, due_on, amount)
            VALUES ($1, 'F-1', current_date - 40, current_date - 10, 10) RETURNING id
            """, [debtor], as: Int64.self)
        let future = try sql.value("""
            INSERT INTO invoices (debtor_id, number, issued_on, due_on, amount)
            VALUES ($1, 'F-2', current_date, current_date + 30, 10) RETURNING id
            """, [debtor], as: Int64.self)
        #expect(try sql.value("SELECT days_overdue FROM invoice_balances WHERE invoice_id = $1", [invoice], as: Int.self) == 10)
        #expect(try sql.value("SELECT days_overdue FROM invoice_balances WHERE invoice_id = $1", [future], as: Int.self) == 0)
    }
}
