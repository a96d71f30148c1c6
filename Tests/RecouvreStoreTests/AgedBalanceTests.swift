import Foundation
import Postgres
import RecouvreStore
import Testing

/// The aged balance reports, against figures computed by hand.
@Suite("aged_balance: what is owed, by age past the due date")
final class AgedBalanceTests {
    let database: StoreDatabase
    let sql: PostgresConnection

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
    }

    static let buckets = ["not_yet_due", "days_1_30", "days_31_60", "days_61_90", "over_90", "total"]

    /// The rows of `query` as text: `columns` in order, joined by spaces.
    private func lines(_ query: String, _ columns: [String]) throws -> [String] {
        try sql.query(query).rows.map { row in
            try columns.map { try row.decode(String.self, $0) }.joined(separator: " ")
        }
    }

    @Test func bucketsBoundariesAndCurrenciesOnAFixedDay() throws {
        let a = try sql.insertDebtor(ref: "CLI-A")
        let b = try sql.insertDebtor(ref: "CLI-B")
        // On 2024-06-30: F-1 is due in 5 days; F-2 is 1 day late, F-3 30, F-4 31, F-5 90, F-6 91.
        _ = try sql.insertInvoice(debtor: a, number: "F-1", amount: "100.00", issuedOn: "2024-06-05", dueOn: "2024-07-05")
        _ = try sql.insertInvoice(debtor: a, number: "F-2", amount: "200.00", issuedOn: "2024-05-30", dueOn: "2024-06-29")
        _ = try sql.insertInvoice(debtor: a, number: "F-3", amount: "300.00", issuedOn: "2024-05-01", dueOn: "2024-05-31")
        _ = try sql.insertInvoice(debtor: a, number: "F-4", amount: "400.00", issuedOn: "2024-04-30", dueOn: "2024-05-30")
        _ = try sql.insertInvoice(debtor: a, number: "F-5", amount: "500.00", issuedOn: "2024-03-01", dueOn: "2024-04-01")
        let f6 = try sql.insertInvoice(debtor: a, number: "F-6", amount: "600.00", issuedOn: "2024-03-01", dueOn: "2024-03-31")
        _ = try sql.insertPayment(debtor: a, invoice: f6, amount: "250.00")
        // Issued after the day: not on that day's balance.
        _ = try sql.insertInvoice(debtor: a, number: "F-7", amount: "50.00", issuedOn: "2024-07-02", dueOn: "2024-08-01")
        // Paid in full: not on it either.
        let f10 = try sql.insertInvoice(debtor: a, number: "F-10", amount: "80.00", issuedOn: "2024-05-01", dueOn: "2024-05-15")
        _ = try sql.insertPayment(debtor: a, invoice: f10, amount: "80.00")
        // Another debtor, two currencies; due on the day itself is not yet late.
        _ = try sql.insertInvoice(debtor: b, number: "F-8", amount: "1000.00", currency: "USD", issuedOn: "2023-12-01", dueOn: "2024-01-01")
        _ = try sql.insertInvoice(debtor: b, number: "F-9", amount: "70.00", issuedOn: "2024-06-01", dueOn: "2024-06-30")

        // By hand: not yet due 100; 1–30: 200 + 300; 31–60: 400; 61–90: 500; over 90: 600 − 250.
        #expect(try lines("""
            SELECT external_ref, currency, not_yet_due::text, days_1_30::text, days_31_60::text, days_61_90::text,
                   over_90::text, total::text, invoices::text, oldest_due_on::text
            FROM aged_balance_as_of('2024-06-30') ORDER BY external_ref, currency
            """, ["external_ref", "currency"] + Self.buckets + ["invoices", "oldest_due_on"]) == [
                "CLI-A EUR 100.00 500.00 400.00 500.00 350.00 1850.00 6 2024-03-31",
                "CLI-B EUR 70.00 0.00 0.00 0.00 0.00 70.00 1 2024-06-30",
                "CLI-B USD 0.00 0.00 0.00 0.00 1000.00 1000.00 1 2024-01-01",
            ])
    }

    @Test func todaysViewAndTheTotalCountInTheTenantsZone() throws {
        let a = try sql.insertDebtor(ref: "CLI-A")
        let b = try sql.insertDebtor(ref: "CLI-B")
        let today = try sql.value("SELECT local_today()::text", as: String.self)
        for (debtor, number, amount, due) in [(a, "F-1", "120.00", -45), (a, "F-2", "30.50", 10), (b, "F-3", "200.00", -120),
                                              (b, "F-4", "9.50", -45)] {
            try sql.query("""
                INSERT INTO invoices (debtor_id, number, issued_on, due_on, amount)
                VALUES ($1, $2, $3::date + $4::int - 30, $3::date + $4::int, $5::numeric)
                """, [debtor, number, today, due, amount])
        }
        #expect(try lines("""
            SELECT external_ref, currency, not_yet_due::text, days_1_30::text, days_31_60::text, days_61_90::text,
                   over_90::text, total::text, invoices::text FROM aged_balance ORDER BY external_ref
            """, ["external_ref", "currency"] + Self.buckets + ["invoices"]) == ["CLI-A EUR 30.50 0.00 120.00 0.00 0.00 150.50 2", "CLI-B EUR 0.00 0.00 9.50 0.00 200.00 209.50 2"])
        #expect(try lines("""
            SELECT currency, not_yet_due::text, days_1_30::text, days_31_60::text, days_61_90::text, over_90::text,
                   total::text FROM aged_balance_total
            """, ["currency"] + Self.buckets) == ["EUR 30.50 0.00 129.50 0.00 200.00 360.00"])
    }
}
