import Foundation
import Postgres
import RecouvreStore
import Testing

/// Invoices whose prescription ends soon, on dates set from today (tenant zone).
@Suite("Reporting: prescriptions ending soon")
final class ReportingPrescriptionTests {
    let database: StoreDatabase
    let sql: PostgresConnection

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
    }

    /// An invoice of `debtor` due `days` days from today, two years ago (a consumer's prescription
    /// then ends `days` days from today).
    @discardableResult
    private func invoice(_ debtor: Int64, _ number: String, _ amount: String, currency: String = "EUR",
                         endsIn days: Int) throws -> Int64 {
        try sql.value("""
            INSERT INTO invoices (debtor_id, number, issued_on, due_on, currency, amount)
            VALUES ($1, $2, (local_today() + $3::int - interval '2 years')::date - 30,
                    (local_today() + $3::int - interval '2 years')::date, $4, $5::numeric)
            RETURNING id
            """, [debtor, number, days, currency, amount])
    }

    @Test func invoicesStillOwedWhosePrescriptionEndsWithinTheWindow() throws {
        let p = try sql.insertDebtor(ref: "CONSO-P", name: "Paul Martin")
        _ = try sql.query("UPDATE debtors SET kind = 'consumer' WHERE id = $1", [p])
        try invoice(p, "P-1", "100.00", endsIn: 15)
        try invoice(p, "P-2", "200.00", endsIn: 91)                  // one day past the window
        let p3 = try invoice(p, "P-3", "300.00", endsIn: 90)        // the window's last day
        let p4 = try invoice(p, "P-4", "400.00", endsIn: 10)
        try invoice(p, "P-5", "500.00", endsIn: -5)                  // already prescribed
        try invoice(p, "P-6", "600.00", endsIn: 30)
        try invoice(p, "P-7", "50.00", currency: "USD", endsIn: 40)
        // A credit note lowers P-3 without acknowledging the debt; P-4 is paid in full.
        _ = try sql.query("INSERT INTO reductions (invoice_id, kind, amount, reason) VALUES ($1, 'credit_note', 120.00, 'returned')",
                          [p3])
        try sql.insertPayment(debtor: p, invoice: p4, amount: "400.00", receivedOn: try sql.value("SELECT local_today()::text"))
        // A business debtor with a recent invoice: far from prescription.
        let q = try sql.insertDebtor(ref: "CLI-Q")
        _ = try sql.query("""
            INSERT INTO invoices (debtor_id, number, issued_on, due_on, amount)
            VALUES ($1, 'Q-1', local_today() - 130, local_today() - 100, 900.00)
            """, [q])

        // P-1 ends in 15 days, P-6 in 30, P-7 in 40 (USD), P-3 in 90 with 300 − 120 = 180 left.
        let columns = ["number", "debtor", "outstanding", "currency", "days_left", "ends_ok", "debtor_name"]
        let query = """
            SELECT number, debtor, outstanding::text, currency, days_left::text,
                   (prescription_ends_on = local_today() + days_left)::text AS ends_ok, debtor_name
            FROM
            """
        // The payment P-4 received today acknowledges the debt, but it is paid: not listed either way.
        #expect(try sql.reportLines(query + " prescription_ending_soon", columns) == [
            "P-1 CONSO-P 100.00 EUR 15 true Paul Martin",
            "P-6 CONSO-P 600.00 EUR 30 true Paul Martin",
            "P-7 CONSO-P 50.00 USD 40 true Paul Martin",
            "P-3 CONSO-P 180.00 EUR 90 true Paul Martin",
        ])

        // A promise made a year ago, while every one of them still ran (P-5 ended 5 days ago),
        // restarted them all: the six still owed (all but P-4) now end two years after it.
        _ = try sql.query("""
            INSERT INTO events (kind, debtor_id, occurred_at, detail)
            VALUES ('promise_made', $1, now() - interval '1 year', '{}')
            """, [p])
        #expect(try sql.reportLines(query + " prescription_ending_soon", columns).isEmpty)
        #expect(try sql.value("SELECT count(*) FROM prescription_ending_within(400)", as: Int.self) == 6)
    }
}
