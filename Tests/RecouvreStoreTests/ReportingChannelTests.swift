import Foundation
import Postgres
import RecouvreStore
import Testing

/// Which messages are followed by payment, against figures computed by hand (tenant zone Europe/Paris).
@Suite("Reporting: channel and template effectiveness")
final class ReportingChannelTests {
    let database: StoreDatabase
    let sql: PostgresConnection

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
    }

    /// A courtesy e-mail about one invoice, sent at `at`.
    private func courtesy(debtor: Int64, invoice: Int64, at: String) throws {
        _ = try sql.query("""
            INSERT INTO actions (kind, channel, state, debtor_id, invoice_id, stage, template, step, due_at, finished_at)
            VALUES ('courtesy', 'email', 'succeeded', $1, $2, 'reminder', 'courtesy', 1, $3::timestamptz, $3::timestamptz)
            """, [debtor, invoice, at])
    }

    @Test func messagesFollowedByPaymentWithinNDays() throws {
        let k = try sql.insertDebtor(ref: "CLI-K")
        let l = try sql.insertDebtor(ref: "CLI-L")
        let m = try sql.insertDebtor(ref: "CLI-M")
        _ = try sql.insertInvoice(debtor: k, number: "K-1", amount: "1000.00", issuedOn: "2024-02-01", dueOn: "2024-03-01")
        let k2 = try sql.insertInvoice(debtor: k, number: "K-2", amount: "500.00", issuedOn: "2024-03-01", dueOn: "2024-03-20")
        _ = try sql.insertInvoice(debtor: l, number: "L-1", amount: "200.00", issuedOn: "2024-02-01", dueOn: "2024-03-01")
        _ = try sql.insertInvoice(debtor: m, number: "M-1", amount: "300.00", currency: "USD", issuedOn: "2024-02-01",
                                  dueOn: "2024-03-01")
        let kCase = try sql.insertCase(debtor: k, openedAt: "2024-03-02 06:00+00", closedAt: "2024-03-16 10:00+00", reason: "paid")
        let lCase = try sql.insertCase(debtor: l, openedAt: "2024-03-02 06:00+00", closedAt: "2024-03-12 08:00+00", reason: "paid")
        let mCase = try sql.insertCase(debtor: m, openedAt: "2024-03-02 06:00+00")

        // m1, K, 2 March: K-1's 1000 overdue; only 400 comes within 7 days (by 9 March) → not paid.
        try sql.insertStep(case: kCase, debtor: k, stage: "reminder", channel: "email", template: "reminder1", at: "2024-03-02 09:00+00")
        try sql.insertPayment(debtor: k, amount: "400.00", receivedOn: "2024-03-05")
        // m2, K, 9 March: 600 left overdue; 600 received on 16 March = 9 + 7 → paid (case closed that day too).
        try sql.insertStep(case: kCase, debtor: k, stage: "reminder", channel: "email", template: "reminder2", at: "2024-03-09 09:00+00")
        try sql.insertPayment(debtor: k, amount: "600.00", receivedOn: "2024-03-16")
        // m3, K, courtesy e-mail on 17 March about K-2 (500, not yet due); paid on 25 March, 8 days later.
        try courtesy(debtor: k, invoice: k2, at: "2024-03-17 08:00+00")
        try sql.insertPayment(debtor: k, invoice: k2, amount: "500.00", receivedOn: "2024-03-25")
        // m4, L, 22:30 UTC on 10 March = 11 March in Paris; L paid 200 that same day, so nothing was
        // left to ask for at the end of it, but L's case was closed as paid on 12 March → paid.
        try sql.insertStep(case: lCase, debtor: l, stage: "reminder", channel: "email", template: "reminder1", at: "2024-03-10 22:30+00")
        try sql.insertPayment(debtor: l, amount: "200.00", receivedOn: "2024-03-11")
        // m5, M, SMS on 5 March: 300 USD overdue, 100 USD paid on 7 March → not paid.
        try sql.insertStep(case: mCase, debtor: m, stage: "reminder", channel: "sms", template: "reminder1", at: "2024-03-05 09:00+00")
        try sql.insertPayment(debtor: m, amount: "100.00", currency: "USD", receivedOn: "2024-03-07")
        // Not messages: a failed e-mail, and a call task.
        try sql.insertStep(case: mCase, debtor: m, stage: "reminder", channel: "email", template: "reminder2",
                           at: "2024-03-12 09:00+00", state: "failed")
        try sql.insertStep(case: mCase, debtor: m, stage: "call", channel: "task", template: "call", at: "2024-03-13 09:00+00")

        let columns = ["channel", "template", "messages", "paid_within", "paid_share"]
        // 7 days: courtesy 0/1; reminder1 m1 no, m4 yes → 1/2 = 50.0; reminder2 m2 → 1/1; SMS 0/1.
        #expect(try sql.reportLines("""
            SELECT channel, template, messages::text, paid_within::text, paid_share::text FROM channel_effectiveness
            ORDER BY channel, template
            """, columns) == [
                "email courtesy 1 0 0.0",
                "email reminder1 2 1 50.0",
                "email reminder2 1 1 100.0",
                "sms reminder1 1 0 0.0",
            ])
        // 10 days: the courtesy e-mail's invoice is paid on day 8 → 1/1; m1 still only 400 by 12 March.
        #expect(try sql.reportLines("""
            SELECT channel, template, messages::text, paid_within::text, paid_share::text
            FROM channel_effectiveness_within(10)
            """, columns) == [
                "email courtesy 1 1 100.0",
                "email reminder1 2 1 50.0",
                "email reminder2 1 1 100.0",
                "sms reminder1 1 0 0.0",
            ])
    }
}
