import Foundation
import Postgres
import RecouvreCore
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

/// Promises to pay, recorded with `record_promise`, as the daemon's runner follows them up.
@Suite(.serialized) struct ProcedurePromiseTests {
    let mailbox: CapturedMailbox

    init() throws { mailbox = try CapturedMailbox.fromEnvironment() }

    /// An invoice of €1,000 ten days late: reminder1 goes now, reminder2 is planned in 7 days.
    private func startedCase() async throws -> RunnerFixture {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1", amount: "1000.00")
        try fixture.run(until: fixture.now)
        _ = try await mailbox.waitForMessages(to: fixture.recipient)
        try #require(try fixture.pendingStep()?.position == 3)
        return fixture
    }

    private func promise(_ fixture: RunnerFixture, _ amount: String, inDays days: Int) throws {
        try fixture.sql.query("""
            SELECT tenant_runner.record_promise($1, $2::numeric, tenant_runner.local_today() + $3::int, 'by transfer', 'j.martin')
            """, [fixture.debtorID, amount, days])
    }

    @Test func aPromisePausesTheCaseAndFullPaymentClosesItAsKept() async throws {
        let fixture = try await startedCase()
        try promise(fixture, "1000.00", inDays: 5)
        try fixture.run(until: fixture.now)
        #expect(try fixture.pendingStep() == nil, "no step while the promise runs")
        #expect(try fixture.cancelled(kind: "step") == ["promise to pay running"])
        // The debtor is looked at again the day after the promised day plus grace (3 days).
        let review = try fixture.sql.query("""
            SELECT due_at FROM tenant_runner.actions WHERE kind = 'review_debtor' AND state = 'scheduled'
            """).first.map { try $0.decode(Date.self, "due_at") }
        #expect(review == fixture.calendar.startOf(fixture.day(9)))

        try fixture.run(daysLater: 3)
        #expect(mailbox.messages(to: fixture.recipient).count == 1, "nothing is sent during the promise")
        try fixture.pay("1000.00")
        try fixture.run(until: fixture.now)
        #expect(try fixture.events("promise_kept").count == 1)
        #expect(try fixture.value("SELECT state FROM tenant_runner.promises") == "kept")
        #expect(try fixture.caseValue("state") == "closed")
        #expect(try fixture.caseValue("close_reason") == "promise_kept")
        #expect(try fixture.pendingStep() == nil)
        try fixture.run(daysLater: 10)
        #expect(mailbox.messages(to: fixture.recipient).count == 1)
    }

    @Test func aPromiseKeptWhileMoneyIsStillOverdueResumesThePolicy() async throws {
        let fixture = try await startedCase()
        let started = fixture.today
        try promise(fixture, "300.00", inDays: 2)
        try fixture.run(until: fixture.now)
        #expect(try fixture.pendingStep() == nil)
        try fixture.run(daysLater: 1)
        try fixture.pay("300.00")
        try fixture.run(until: fixture.now)
        #expect(try fixture.value("SELECT state FROM tenant_runner.promises") == "kept")
        #expect(try fixture.caseValue("state") == "open", "700.00 are still overdue")
        // reminder2 keeps the policy's 7 days from reminder1.
        let next = try #require(try fixture.pendingStep())
        #expect(next.position == 3)
        #expect(next.dueAt == fixture.at(started.adding(days: 7), 9))
        try fixture.run(until: next.dueAt)
        let second = try #require(try await mailbox.waitForMessages(to: fixture.recipient, count: 2).withSubject("Second rappel"))
        #expect(second.body.contains(euros("700.00")), "what is left: \(second.body)")
    }

    @Test func aBrokenPromiseIsJournaledAfterGraceAndTheNextStepKeepsTheInterval() async throws {
        let fixture = try await startedCase()
        let started = fixture.today
        try promise(fixture, "500.00", inDays: 0)
        try fixture.run(until: fixture.now)
        #expect(try fixture.cancelled(kind: "step") == ["promise to pay running"])

        // Promised today, 3 days of grace: still running on the third day.
        try fixture.run(until: fixture.at(started.adding(days: 3), 23, 59))
        #expect(try fixture.events("promise_broken").isEmpty)
        #expect(try fixture.pendingStep() == nil)
        try fixture.pay("100.00")  // not enough

        try fixture.run(until: fixture.calendar.startOf(started.adding(days: 4)))
        let broken = try #require(try fixture.events("promise_broken").first)
        #expect(broken.text.contains("\"amount\": \"500"), "\(broken.text)")
        #expect(try fixture.value("SELECT state FROM tenant_runner.promises") == "broken")
        #expect(try fixture.caseValue("state") == "open")
        // reminder2 at the policy's 7 days after reminder1, not at once.
        let next = try #require(try fixture.pendingStep())
        #expect(next.position == 3)
        #expect(next.dueAt == fixture.at(started.adding(days: 7), 9))
        try fixture.run(until: next.dueAt)
        let second = try #require(try await mailbox.waitForMessages(to: fixture.recipient, count: 2).withSubject("Second rappel"))
        #expect(second.body.contains(euros("900.00")))
    }
}
