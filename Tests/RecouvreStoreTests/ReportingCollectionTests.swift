import Foundation
import Postgres
import RecouvreStore
import Testing

/// What was collected after which stage, and how far cases went, against figures computed by hand.
/// The tenant's zone is Europe/Paris (UTC+1 in March, UTC+2 from 31 March 2024).
@Suite("Reporting: collected per month and stage, stage funnel")
final class ReportingCollectionTests {
    let database: StoreDatabase
    let sql: PostgresConnection

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
    }

    @Test func collectedPerMonthByTheStageOfTheLastStepSentOnAnEarlierDay() throws {
        #expect(try sql.value("SELECT time_zone()", as: String.self) == "Europe/Paris")
        let c = try sql.insertDebtor(ref: "CLI-C")
        let d = try sql.insertDebtor(ref: "CLI-D")
        let e = try sql.insertDebtor(ref: "CLI-E")
        // C's case: a reminder on 2 March, a call on 20 March, a formal notice at 22:30 UTC on
        // 31 March, which is 00:30 on 1 April in Paris.
        let c1 = try sql.insertCase(debtor: c, openedAt: "2024-03-01 10:00+00", closedAt: "2024-04-20 10:00+00", reason: "paid")
        try sql.insertStep(case: c1, debtor: c, stage: "reminder", channel: "email", template: "reminder1", at: "2024-03-02 08:00+00")
        try sql.insertStep(case: c1, debtor: c, stage: "call", channel: "task", template: "call", at: "2024-03-20 08:00+00")
        try sql.insertStep(case: c1, debtor: c, stage: "formal_notice", channel: "letter", template: "formal_notice",
                           at: "2024-03-31 22:30+00")
        // A step that failed was not sent.
        try sql.insertStep(case: c1, debtor: c, stage: "legal", channel: "task", template: "court_file",
                           at: "2024-04-10 08:00+00", state: "failed")
        try sql.insertPayment(debtor: c, amount: "100.00", receivedOn: "2024-03-10")  // after the reminder
        try sql.insertPayment(debtor: c, amount: "200.00", receivedOn: "2024-04-01")  // notice sent that day: the call
        try sql.insertPayment(debtor: c, amount: "300.00", receivedOn: "2024-04-15")  // after the formal notice
        // D never had a case; E's case closed on 10 February, before E paid again in March.
        try sql.insertPayment(debtor: d, amount: "50.00", receivedOn: "2024-04-05")
        try sql.insertPayment(debtor: d, amount: "70.00", currency: "USD", receivedOn: "2024-04-06")
        let e1 = try sql.insertCase(debtor: e, openedAt: "2024-01-20 10:00+00", closedAt: "2024-02-10 10:00+00", reason: "paid")
        try sql.insertStep(case: e1, debtor: e, stage: "reminder", channel: "email", template: "reminder1", at: "2024-02-01 08:00+00")
        try sql.insertPayment(debtor: e, amount: "40.00", receivedOn: "2024-03-15")

        // March EUR: 100 after a reminder, 40 with no open case (none).
        // April EUR: 200 after the call, 300 after the formal notice, 50 with no case; April USD: 70, none.
        #expect(try sql.reportLines("""
            SELECT month::text, currency, preceding_stage, payments::text, amount::text FROM collected_by_month
            ORDER BY month, currency, preceding_stage
            """, ["month", "currency", "preceding_stage", "payments", "amount"]) == [
                "2024-03-01 EUR none 1 40.00",
                "2024-03-01 EUR reminder 1 100.00",
                "2024-04-01 EUR call 1 200.00",
                "2024-04-01 EUR formal_notice 1 300.00",
                "2024-04-01 EUR none 1 50.00",
                "2024-04-01 USD none 1 70.00",
            ])
    }

    @Test func stageFunnelCountsCasesByTheStagesTheyReachedAndWherePaidOnes() throws {
        func caseWith(_ ref: String, _ stages: [String], closedAs reason: String?) throws {
            let debtor = try sql.insertDebtor(ref: ref)
            let id = try sql.insertCase(debtor: debtor, openedAt: "2024-03-01 10:00+00",
                                        closedAt: reason == nil ? nil : "2024-05-01 10:00+00", reason: reason)
            for (day, stage) in stages.enumerated() {
                try sql.insertStep(case: id, debtor: debtor, stage: stage, channel: stage == "reminder" ? "email" : "task",
                                   template: stage == "reminder" ? "reminder1" : "call", at: "2024-03-\(10 + day) 08:00+00")
            }
        }
        try caseWith("CASE-1", ["reminder", "call", "formal_notice"], closedAs: "paid")
        try caseWith("CASE-2", ["reminder"], closedAs: "paid")
        try caseWith("CASE-3", ["reminder", "call"], closedAs: "written_off")
        try caseWith("CASE-4", ["reminder", "call", "formal_notice", "small_claims"], closedAs: nil)
        try caseWith("CASE-5", ["reminder", "reminder", "agency"], closedAs: "promise_kept")
        // A court step that failed: the case did not reach legal.
        let open = try sql.value("SELECT c.id FROM cases c JOIN debtors d ON d.id = c.debtor_id WHERE d.external_ref = 'CASE-4'",
                                 as: Int64.self)
        let debtor = try sql.value("SELECT debtor_id FROM cases WHERE id = $1", [open], as: Int64.self)
        try sql.insertStep(case: open, debtor: debtor, stage: "legal", channel: "task", template: "court_file",
                           at: "2024-04-01 08:00+00", state: "failed")

        // reminder: cases 1–5 = 5, paid with reminder furthest: case 2 → 1/5 = 20.0.
        // call: cases 1, 3, 4 = 3; case 3 stopped there but was written off → 0/3 = 0.0.
        // formal_notice: cases 1, 4 = 2; case 1 paid → 1/2 = 50.0. agency: case 5, promise kept → 100.0.
        // small_claims: case 4, still open → 0.0. legal: none reached → NULL share.
        #expect(try sql.reportLines("""
            SELECT position::text, stage, cases_reached::text, paid_after::text, paid_share::text
            FROM stage_funnel ORDER BY position
            """, ["position", "stage", "cases_reached", "paid_after", "paid_share"]) == [
                "1 reminder 5 1 20.0",
                "2 call 3 0 0.0",
                "3 formal_notice 2 1 50.0",
                "4 agency 1 1 100.0",
                "5 small_claims 1 0 0.0",
                "6 legal 0 0 -",
            ])
    }
}
