import Foundation
import Postgres
import RecouvreStore
import Testing

/// Promises, payment plans and disputes per month or reason, against figures computed by hand.
/// The tenant's zone is Europe/Paris: 22:30 UTC on 31 March 2024 is 1 April there.
@Suite("Reporting: promise and plan outcomes, disputes by reason")
final class ReportingNegotiationTests {
    let database: StoreDatabase
    let sql: PostgresConnection

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
    }

    @Test func promiseOutcomesPerMonthMadeAndCurrency() throws {
        let debtor = try sql.insertDebtor(ref: "CLI-P")
        let id = try sql.insertCase(debtor: debtor, openedAt: "2024-03-01 08:00+00")
        for (amount, currency, madeAt, state) in [
            ("100.00", "EUR", "2024-03-31 22:30+00", "kept"),       // 1 April in Paris
            ("200.00", "EUR", "2024-03-15 10:00+00", "broken"),
            ("300.00", "EUR", "2024-03-20 10:00+00", "open"),
            ("50.00", "EUR", "2024-03-10 10:00+00", "cancelled"),   // replaced by a later promise
            ("400.00", "USD", "2024-03-05 10:00+00", "kept"),
            ("150.00", "EUR", "2024-03-31 21:30+00", "kept"),       // 23:30 on 31 March in Paris
        ] {
            _ = try sql.query("""
                INSERT INTO promises (case_id, debtor_id, amount, currency, promised_on, grace_days, paid_before, state,
                                      made_at, settled_at)
                VALUES ($1, $2, $3::numeric, $4, ($5::timestamptz)::date + 10, 3, 0, $6, $5::timestamptz,
                        CASE WHEN $6 = 'open' THEN NULL ELSE $5::timestamptz + interval '12 days' END)
                """, [id, debtor, amount, currency, madeAt, state])
        }
        // March EUR: 200 broken, 300 open, 50 cancelled, 150 kept → made 4, promised 700, kept 150.
        // March USD: 400 kept. April EUR: 100 kept.
        #expect(try sql.reportLines("""
            SELECT month::text, currency, made::text, kept::text, broken::text, open::text, amount_promised::text,
                   amount_kept::text, cancelled::text FROM promise_outcomes ORDER BY month, currency
            """, ["month", "currency", "made", "kept", "broken", "open", "amount_promised", "amount_kept", "cancelled"]) == [
                "2024-03-01 EUR 4 1 1 1 700.00 150.00 1",
                "2024-03-01 USD 1 1 0 0 400.00 400.00 0",
                "2024-04-01 EUR 1 1 0 0 100.00 100.00 0",
            ])
        // The tenant moves to New York (UTC−4 then): 22:30 UTC on 31 March is 18:30 there, still March.
        _ = try database.connection.query("UPDATE recouvre.tenants SET timezone = 'America/New_York' WHERE slug = 'acme'")
        #expect(try sql.reportLines("SELECT month::text, currency, made::text FROM promise_outcomes ORDER BY month, currency",
                                    ["month", "currency", "made"]) == ["2024-03-01 EUR 5", "2024-03-01 USD 1"])
    }

    @Test func planOutcomesPerMonthCreatedAndCurrency() throws {
        let debtor = try sql.insertDebtor(ref: "CLI-Q")
        let id = try sql.insertCase(debtor: debtor, openedAt: "2024-05-01 08:00+00")
        for (total, currency, createdAt, state) in [
            ("1200.00", "EUR", "2024-05-31 22:30+00", "completed"),  // 1 June in Paris
            ("600.00", "EUR", "2024-05-10 10:00+00", "broken"),
            ("900.00", "EUR", "2024-05-20 10:00+00", "active"),
            ("300.00", "EUR", "2024-05-25 10:00+00", "cancelled"),
            ("1000.00", "GBP", "2024-05-31 21:00+00", "completed"),  // 23:00 on 31 May in Paris
        ] {
            _ = try sql.query("""
                INSERT INTO payment_plans (case_id, debtor_id, currency, total, grace_days, paid_before, state, created_at, ended_at)
                VALUES ($1, $2, $3, $4::numeric, 3, 0, $5, $6::timestamptz,
                        CASE WHEN $5 = 'active' THEN NULL ELSE $6::timestamptz + interval '60 days' END)
                """, [id, debtor, currency, total, state, createdAt])
        }
        // May EUR: 600 broken, 900 active, 300 cancelled → created 3, amount 1800, completed 0.
        // May GBP: 1000 completed. June EUR: 1200 completed.
        #expect(try sql.reportLines("""
            SELECT month::text, currency, created::text, completed::text, broken::text, active::text, amount::text,
                   cancelled::text, amount_completed::text FROM plan_outcomes ORDER BY month, currency
            """, ["month", "currency", "created", "completed", "broken", "active", "amount", "cancelled",
                  "amount_completed"]) == [
                "2024-05-01 EUR 3 0 1 1 1800.00 1 0.00",
                "2024-05-01 GBP 1 1 0 0 1000.00 0 1000.00",
                "2024-06-01 EUR 1 1 0 0 1200.00 0 1200.00",
            ])
    }

    @Test func disputesByReasonWithWhatTheyCoveredWhenOpened() throws {
        let a = try sql.insertDebtor(ref: "CLI-A")
        let b = try sql.insertDebtor(ref: "CLI-B")
        let a1 = try sql.insertInvoice(debtor: a, number: "A-1", amount: "500.00", issuedOn: "2024-01-10", dueOn: "2024-02-10")
        let a2 = try sql.insertInvoice(debtor: a, number: "A-2", amount: "300.00", issuedOn: "2024-01-15", dueOn: "2024-02-15")
        let a3 = try sql.insertInvoice(debtor: a, number: "A-3", amount: "200.00", currency: "USD", issuedOn: "2024-01-20",
                                       dueOn: "2024-02-20")
        _ = try sql.insertInvoice(debtor: b, number: "B-1", amount: "1000.00", issuedOn: "2024-01-10", dueOn: "2024-02-10")
        _ = try sql.insertInvoice(debtor: b, number: "B-2", amount: "250.00", currency: "USD", issuedOn: "2024-01-10",
                                  dueOn: "2024-02-10")
        _ = try sql.insertInvoice(debtor: b, number: "B-3", amount: "80.00", issuedOn: "2024-03-01", dueOn: "2024-03-31")
        // Recorded when issued, except B-3, imported on 1 April: after B's dispute was opened.
        _ = try sql.query("UPDATE invoices SET created_at = CASE WHEN number = 'B-3' THEN '2024-04-01 08:00+00'::timestamptz "
                          + "ELSE issued_on::timestamptz END")
        try sql.insertPayment(debtor: a, invoice: a1, amount: "100.00", receivedOn: "2024-03-01")
        try sql.insertPayment(debtor: a, invoice: a2, amount: "100.00", receivedOn: "2024-03-10")  // after its dispute opened

        func dispute(_ debtor: Int64, _ invoice: Int64?, _ reason: String, openedAt: String, resolution: String?) throws {
            _ = try sql.query("""
                INSERT INTO disputes (debtor_id, invoice_id, reason, state, resolution, opened_at, resolved_by, resolved_at)
                VALUES ($1, $2, $3, CASE WHEN $4::text IS NULL THEN 'open' ELSE 'resolved' END, $4, $5::timestamptz,
                        CASE WHEN $4::text IS NULL THEN NULL ELSE 'collector' END,
                        CASE WHEN $4::text IS NULL THEN NULL ELSE $5::timestamptz + interval '20 days' END)
                """, [debtor, invoice, reason, resolution, openedAt])
        }
        try dispute(a, a1, "goods not received", openedAt: "2024-03-05 10:00+00", resolution: "resume")  // 500 − 100 = 400
        try dispute(a, a2, "goods not received", openedAt: "2024-03-06 10:00+00", resolution: nil)       // 300
        try dispute(b, nil, "price disagreement", openedAt: "2024-03-10 10:00+00", resolution: "cancel") // 1000 EUR, 250 USD
        try dispute(a, a3, "price disagreement", openedAt: "2024-03-20 10:00+00", resolution: "resume")  // 200 USD

        // goods not received, EUR: 2 opened, 1 open, 1 rejected (resume); 400 + 300 = 700.
        // price disagreement, EUR: B's dispute, upheld (cancel), 1000 (B-3 recorded later is not covered).
        // price disagreement, USD: B's dispute (250) upheld and A-3's (200) rejected: 450.
        #expect(try sql.reportLines("""
            SELECT reason, currency, opened::text, open::text, upheld::text, rejected::text, amount::text
            FROM disputes_by_reason ORDER BY reason, currency
            """, ["reason", "currency", "opened", "open", "upheld", "rejected", "amount"]) == [
                "goods not received EUR 2 1 0 1 700.00",
                "price disagreement EUR 1 0 1 0 1000.00",
                "price disagreement USD 2 0 1 1 450.00",
            ])
    }
}
