import Foundation
import Postgres
import RecouvreCore
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

/// Payment plans agreed with `create_payment_plan`, followed by the daemon's runner: instalment
/// reminders instead of the case's steps, completion, and a missed instalment.
@Suite(.serialized) struct ProcedurePlanTests {
    let mailbox: CapturedMailbox

    init() throws { mailbox = try CapturedMailbox.fromEnvironment() }

    /// An invoice of €1,000 ten days late, reminder1 sent, and a plan of two instalments.
    private func planned(_ first: (days: Int, amount: String), _ second: (days: Int, amount: String)) async throws -> RunnerFixture {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1", amount: "1000.00")
        try fixture.run(until: fixture.now)
        _ = try await mailbox.waitForMessages(to: fixture.recipient)
        let instalments = """
            [{"due_on": "\(fixture.day(first.days))", "amount": "\(first.amount)"},
             {"due_on": "\(fixture.day(second.days))", "amount": "\(second.amount)"}]
            """
        try fixture.sql.query("SELECT tenant_runner.create_payment_plan($1, $2::jsonb, 'agreed by phone', 'j.martin')",
                              [fixture.debtorID, instalments])
        try fixture.run(until: fixture.now)
        return fixture
    }

    @Test func instalmentRemindersThenPaymentsCompleteThePlanAndCloseTheCase() async throws {
        let fixture = try await planned((5, "500.00"), (12, "500.00"))
        let start = fixture.today
        #expect(try fixture.cancelled(kind: "step") == ["payment plan in force"])
        #expect(try fixture.pendingStep() == nil)
        // Instalment 1: 3 days before, and the day after if unpaid.
        let scheduled = try fixture.sql.query("""
            SELECT template, instalment, due_at FROM tenant_runner.actions
            WHERE kind = 'instalment_reminder' AND state = 'scheduled' ORDER BY due_at
            """).rows.map { (try $0.decode(String.self, "template"), try $0.decode(Int.self, "instalment"), try $0.decode(Date.self, "due_at")) }
        #expect(scheduled.map(\.0) == ["instalment_before", "instalment_after"])
        #expect(scheduled.map(\.1) == [1, 1])
        #expect(scheduled.map(\.2) == [fixture.at(start.adding(days: 2), 9), fixture.at(start.adding(days: 6), 9)])

        try fixture.run(until: fixture.at(start.adding(days: 2), 9))
        var messages = try await mailbox.waitForMessages(to: fixture.recipient, count: 2)
        let before = try #require(messages.withSubject("Échéancier : échéance 1/2 du"), "\(messages.subjects)")
        #expect(before.decodedHeader("Subject")?.contains("Échéancier : échéance 1/2") == true)
        #expect(before.body.contains("l'échéance n° 1 sur 2, d'un montant de \(euros("500.00"))"), "\(before.body)")

        try fixture.run(until: fixture.at(start.adding(days: 6), 9))
        messages = try await mailbox.waitForMessages(to: fixture.recipient, count: 3)
        #expect(messages.count == 3)
        #expect(messages.withSubject("échéance 1/2 non reçue") != nil, "\(messages.subjects)")
        #expect(try fixture.events("instalment_reminder_sent").count == 2)

        // Instalment 1 paid within its grace: the plan moves on to instalment 2 (due day 12).
        try fixture.pay("500.00")
        try fixture.run(until: fixture.now)
        #expect(try fixture.value("SELECT state FROM tenant_runner.payment_plans") == "active")
        try fixture.run(until: fixture.at(start.adding(days: 9), 9))
        messages = try await mailbox.waitForMessages(to: fixture.recipient, count: 4)
        #expect(messages.withSubject("échéance 2/2") != nil, "\(messages.subjects)")

        // Instalment 2 paid: completed, the case closes, the reminder after it is dropped.
        try fixture.pay("500.00")
        try fixture.run(until: fixture.now)
        #expect(try fixture.events("plan_completed").count == 1)
        #expect(try fixture.value("SELECT state FROM tenant_runner.payment_plans") == "completed")
        #expect(try fixture.caseValue("state") == "closed")
        #expect(try fixture.caseValue("close_reason") == "plan_completed")
        #expect(try fixture.value("""
            SELECT count(*) FROM tenant_runner.actions WHERE kind IN ('instalment_reminder', 'step') AND state = 'scheduled'
            """) == "0")
        try fixture.run(daysLater: 10)
        #expect(mailbox.messages(to: fixture.recipient).count == 4)
    }

    @Test func aMissedInstalmentBreaksThePlanAndEscalationResumes() async throws {
        let fixture = try await planned((5, "400.00"), (20, "600.00"))
        let start = fixture.today
        try fixture.run(until: fixture.at(start.adding(days: 2), 9))
        try fixture.run(until: fixture.at(start.adding(days: 6), 9))
        let reminded = try await mailbox.waitForMessages(to: fixture.recipient, count: 3)
        #expect(reminded.withSubject("échéance 1/2 du") != nil && reminded.withSubject("échéance 1/2 non reçue") != nil,
                "\(reminded.subjects)")

        // Due day 5, 3 days of grace: still in force on day 8.
        try fixture.run(until: fixture.at(start.adding(days: 8), 23, 59))
        #expect(try fixture.value("SELECT state FROM tenant_runner.payment_plans") == "active")
        #expect(try fixture.pendingStep() == nil)

        try fixture.run(until: fixture.calendar.startOf(start.adding(days: 9)))
        let broken = try #require(try fixture.events("plan_broken").first)
        #expect(broken.text.contains("\"missed_instalment\": 1"))
        #expect(try fixture.value("SELECT state FROM tenant_runner.payment_plans") == "broken")
        // reminder2 was due 7 days after reminder1, which is past: it goes at once.
        let messages = try await mailbox.waitForMessages(to: fixture.recipient, count: 4)
        #expect(messages.count == 4)
        #expect(messages.withSubject("Second rappel") != nil, "\(messages.subjects)")
        #expect(try fixture.caseValue("position") == "3")
        #expect(try fixture.value("""
            SELECT count(*) FROM tenant_runner.actions WHERE kind = 'instalment_reminder' AND state = 'scheduled'
            """) == "0", "the plan's reminders end with it")
        // And the policy goes on: the call 7 days later.
        #expect(try fixture.pendingStep()?.position == 4)
    }

    @Test
    func aMissedInstalmentReminderIsNotCancelledAsPaid() throws {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1", amount: "1000.00")
        try fixture.run(until: fixture.now)
        try fixture.sql.query("""
            SELECT tenant_runner.create_payment_plan($1, jsonb_build_array(
                jsonb_build_object('due_on', tenant_runner.local_today() + 5, 'amount', '1000.00')))
            """, [fixture.debtorID])
        try fixture.run(until: fixture.now)
        // Nothing runs until the day after the instalment: the reminder before it is no longer wanted.
        try fixture.run(until: fixture.at(fixture.day(6), 9))
        #expect(try fixture.value("SELECT state FROM tenant_runner.payment_plans") == "active")
        #expect(try fixture.cancelled(kind: "instalment_reminder").allSatisfy { $0 != "instalment paid" })
    }
}
