import Foundation
import Postgres
import RecouvreStore
import Testing

/// Days sales outstanding and the collection effectiveness index, against figures computed by hand.
@Suite("Reporting: DSO (countback) and collection effectiveness per month")
final class ReportingDSOTests {
    let database: StoreDatabase
    let sql: PostgresConnection

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
    }

    /// Sales: April 3,000 (F-1), May 2,000 (F-2), June 1,000 (F-3), July 600 (F-4), all EUR;
    /// June 500 USD (U-1). F-1 is paid 1,500 on 20 June; F-2 in full on 2 July, after June's end.
    private func history() throws {
        let a = try sql.insertDebtor(ref: "CLI-A")
        let b = try sql.insertDebtor(ref: "CLI-B")
        let f1 = try sql.insertInvoice(debtor: a, number: "F-1", amount: "3000.00", issuedOn: "2024-04-10", dueOn: "2024-05-10")
        let f2 = try sql.insertInvoice(debtor: a, number: "F-2", amount: "2000.00", issuedOn: "2024-05-15", dueOn: "2024-06-14")
        _ = try sql.insertInvoice(debtor: a, number: "F-3", amount: "1000.00", issuedOn: "2024-06-05", dueOn: "2024-07-05")
        _ = try sql.insertInvoice(debtor: a, number: "F-4", amount: "600.00", issuedOn: "2024-07-05", dueOn: "2024-08-04")
        _ = try sql.insertInvoice(debtor: b, number: "U-1", amount: "500.00", currency: "USD", issuedOn: "2024-06-10",
                                  dueOn: "2024-07-10")
        try sql.insertPayment(debtor: a, invoice: f1, amount: "1500.00", receivedOn: "2024-06-20")
        try sql.insertPayment(debtor: a, invoice: f2, amount: "2000.00", receivedOn: "2024-07-02")
    }

    @Test func everyReportSaysWhatItIsInItsComment() throws {
        let reports = ["invoice_balances_as_of", "report_months", "dso_countback", "dso_by_month_as_of", "dso_by_month",
                       "collection_effectiveness_by_month_as_of", "collection_effectiveness_by_month", "collected_by_month",
                       "promise_outcomes", "plan_outcomes", "stage_funnel", "channel_effectiveness_within",
                       "channel_effectiveness", "disputes_by_reason", "prescription_ending_within", "prescription_ending_soon"]
        let described = try sql.query("""
            SELECT p.proname AS name FROM pg_proc p
            WHERE p.pronamespace = current_schema()::regnamespace AND obj_description(p.oid, 'pg_proc') <> ''
            UNION
            SELECT c.relname FROM pg_class c
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'v' AND obj_description(c.oid, 'pg_class') <> ''
            """).rows.map { try $0.decode(String.self, "name") }
        #expect(Set(reports).subtracting(described).isEmpty, "reports without a comment")
    }

    @Test func balancesAsOfADayIgnoreLaterPaymentsAndInvoices() throws {
        try history()
        // At the end of 30 June F-2 is still owed: its payment came on 2 July. F-4 is not issued yet.
        #expect(try sql.reportLines("""
            SELECT number, outstanding::text FROM invoice_balances_as_of('2024-06-30') ORDER BY number
            """, ["number", "outstanding"]) == ["F-1 1500.00", "F-2 2000.00", "F-3 1000.00", "U-1 500.00"])
        // Today's balances (invoice_balances) and the function at a day after every event agree.
        #expect(try sql.value("""
            SELECT count(*) FROM invoice_balances b
            JOIN invoice_balances_as_of('2030-01-01') h ON h.invoice_id = b.invoice_id
            WHERE h.outstanding = b.outstanding AND h.paid = b.paid AND h.reduced = b.reduced
            """, as: Int.self) == 5)
    }

    @Test func countbackAtAMonthEndCountsAPaymentMadeAfterItAsOwed() throws {
        try history()
        // EUR owed on 30 June: F-1 3000 − 1500 + F-2 2000 (paid 2 July) + F-3 1000 = 4500.
        // Back from June: June's sales 1000 (30 days), May's 2000 (31 days), then 1500 of April's
        // 3000: 30 + 31 + 1500/3000 × 30 = 76.0.
        // USD owed 500 = June's sales exactly: June's 30 days, nothing of May = 30.0.
        #expect(try sql.reportLines("SELECT currency, receivables::text, dso_days::text FROM dso_countback('2024-06-30')",
                                    ["currency", "receivables", "dso_days"]) == ["EUR 4500.00 76.0", "USD 500.00 30.0"])
    }

    @Test func countbackWithinAMonthMeasuresItToTheDay() throws {
        try history()
        // EUR owed on 15 July: F-1 1500 + F-3 1000 + F-4 600 = 3100. July 1–15 sold 600 (15 days),
        // June 1000 (30 days), then 1500 of May's 2000: 15 + 30 + 1500/2000 × 31 = 68.25 → 68.3.
        // USD: July sold nothing, so its 15 days are all taken; June 500 covers the rest: 15 + 30 = 45.0.
        #expect(try sql.reportLines("SELECT currency, receivables::text, dso_days::text FROM dso_countback('2024-07-15')",
                                    ["currency", "receivables", "dso_days"]) == ["EUR 3100.00 68.3", "USD 500.00 45.0"])
    }

    @Test func dsoByMonthHasEachMonthEndAndTheCurrentMonthAtToday() throws {
        try history()
        // April: 3000 owed = April's sales: 30.0. May: 5000 = May 2000 (31) + April 3000 (30) = 61.0.
        // June and July as above. Months before April have no invoice in either currency: no row.
        #expect(try sql.reportLines("""
            SELECT month::text, month_end::text, currency, receivables::text, dso_days::text
            FROM dso_by_month_as_of('2024-07-15')
            """, ["month", "month_end", "currency", "receivables", "dso_days"]) == [
                "2024-04-01 2024-04-30 EUR 3000.00 30.0",
                "2024-05-01 2024-05-31 EUR 5000.00 61.0",
                "2024-06-01 2024-06-30 EUR 4500.00 76.0",
                "2024-06-01 2024-06-30 USD 500.00 30.0",
                "2024-07-01 2024-07-15 EUR 3100.00 68.3",
                "2024-07-01 2024-07-15 USD 500.00 45.0",
            ])
        // The view: the 12 months up to today's (tenant zone), the last one measured at today.
        #expect(try sql.value("""
            SELECT count(DISTINCT month) = 12 AND max(month_end) = local_today()
                   AND min(month) = date_trunc('month', local_today() - interval '11 months')::date
            FROM dso_by_month
            """, as: Bool.self))
        #expect(try sql.value("""
            SELECT count(*) FROM (SELECT * FROM dso_by_month EXCEPT SELECT * FROM dso_by_month_as_of(local_today())) x
            """, as: Int.self) == 0)
    }

    @Test func collectionEffectivenessPerMonthWithZeroDenominators() throws {
        try history()
        // CEI = (opening + invoiced − closing) / (opening + invoiced − closing not yet due) × 100.
        // April EUR: 0 + 3000 − 3000, over 0 + 3000 − 3000 (F-1 due 10 May) = 0 → NULL.
        // May EUR: (3000 + 2000 − 5000) / (5000 − 2000 [F-2 due 14 June]) = 0.0.
        // June EUR: (5000 + 1000 − 4500) / (6000 − 1000 [F-3 due 5 July]) = 1500 / 5000 = 30.0.
        // July EUR (to the 15th): (4500 + 600 − 3100) / (5100 − 600 [F-4]) = 2000 / 4500 = 44.4.
        // June USD: 0 + 500 − 500 over 0 + 500 − 500 (U-1 due 10 July) → NULL.
        // July USD: (500 + 0 − 500) / (500 − 0 [U-1 overdue on the 15th]) = 0.0.
        #expect(try sql.reportLines("""
            SELECT month::text, currency, opening_receivables::text, invoiced::text, closing_receivables::text,
                   closing_current::text, cei_percent::text
            FROM collection_effectiveness_by_month_as_of('2024-07-15')
            """, ["month", "currency", "opening_receivables", "invoiced", "closing_receivables", "closing_current",
                  "cei_percent"]) == [
                "2024-04-01 EUR 0.00 3000.00 3000.00 3000.00 -",
                "2024-05-01 EUR 3000.00 2000.00 5000.00 2000.00 0.0",
                "2024-06-01 EUR 5000.00 1000.00 4500.00 1000.00 30.0",
                "2024-06-01 USD 0.00 500.00 500.00 500.00 -",
                "2024-07-01 EUR 4500.00 600.00 3100.00 600.00 44.4",
                "2024-07-01 USD 500.00 0.00 500.00 0.00 0.0",
            ])
        #expect(try sql.value("""
            SELECT count(*) FROM (SELECT * FROM collection_effectiveness_by_month
                                  EXCEPT SELECT * FROM collection_effectiveness_by_month_as_of(local_today())) x
            """, as: Int.self) == 0)
    }

    @Test func paymentsNamingNoInvoicePayTheOldestFirstAndAPaidCurrencyHasZeroDays() throws {
        let x = try sql.insertDebtor(ref: "CLI-X")
        _ = try sql.insertInvoice(debtor: x, number: "G-1", amount: "400.00", currency: "GBP", issuedOn: "2024-05-01",
                                  dueOn: "2024-05-31")
        _ = try sql.insertInvoice(debtor: x, number: "G-2", amount: "600.00", currency: "GBP", issuedOn: "2024-06-01",
                                  dueOn: "2024-06-30")
        try sql.insertPayment(debtor: x, amount: "500.00", currency: "GBP", receivedOn: "2024-06-15")
        try sql.insertPayment(debtor: x, amount: "500.00", currency: "GBP", receivedOn: "2024-07-01")
        // On 30 June the first 500 pays G-1 (400, due first) and 100 of G-2; the second is not received yet.
        #expect(try sql.reportLines("""
            SELECT number, paid::text, outstanding::text FROM invoice_balances_as_of('2024-06-30') ORDER BY number
            """, ["number", "paid", "outstanding"]) == ["G-1 400.00 0.00", "G-2 100.00 500.00"])
        // 500 owed, less than June's 600 of sales: 500/600 × 30 = 25.0. On 31 July all is paid: 0.0.
        #expect(try sql.reportLines("""
            SELECT month_end::text, currency, receivables::text, dso_days::text FROM dso_by_month_as_of('2024-07-31')
            """, ["month_end", "currency", "receivables", "dso_days"]) == [
                "2024-05-31 GBP 400.00 31.0", "2024-06-30 GBP 500.00 25.0", "2024-07-31 GBP 0.00 0.0",
            ])
    }

    @Test func aCreditNoteLowersTheBalanceFromTheDayItIsGranted() throws {
        try history()
        let f3 = try sql.value("SELECT id FROM invoices WHERE number = 'F-3'", as: Int64.self)
        _ = try sql.query("""
            INSERT INTO reductions (invoice_id, kind, amount, reason, granted_on)
            VALUES ($1, 'credit_note', 400.00, 'damaged goods', '2024-07-10')
            """, [f3])
        // 30 June is unchanged (76.0). 15 July: 3100 − 400 = 2700: 15 + 30 + 1100/2000 × 31 = 62.05 → 62.1.
        #expect(try sql.reportLines("""
            SELECT month_end::text, receivables::text, dso_days::text FROM dso_by_month_as_of('2024-07-15')
            WHERE currency = 'EUR' AND month >= '2024-06-01'
            """, ["month_end", "receivables", "dso_days"]) == ["2024-06-30 4500.00 76.0", "2024-07-15 2700.00 62.1"])
    }
}
