import Foundation
import Postgres
import RecouvreCore
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

/// The outcome of a collector's call, recorded with `record_call_outcome`.
@Suite(.serialized) struct ProcedureCallTests {
    /// A business debtor whose call task was just opened (position 4), the formal notice planned.
    private func calling() throws -> (RunnerFixture, taskID: String) {
        let fixture = try RunnerFixture()
        _ = fixture.spool
        try fixture.addInvoice("FA-1", amount: "1000.00")
        try fixture.run(until: fixture.now)
        try fixture.runSteps(through: 4)
        let task = try #require(try fixture.tasks().first)
        try #require(task["kind"] == "call")
        return (fixture, try #require(task["id"] ?? nil))
    }

    @Test func escalateBringsTheFormalNoticeForwardToNow() throws {
        let (fixture, task) = try calling()
        let planned = try #require(try fixture.pendingStep())
        #expect(planned.position == 5)
        #expect(planned.dueAt > fixture.now.addingTimeInterval(7 * 86_400), "the notice is two weeks after the call")

        try fixture.sql.query("""
            SELECT tenant_runner.record_call_outcome($1::bigint, true, 'refusal', 'escalate', 'refuses to pay', 'j.martin')
            """, [task])
        let callDay = fixture.today
        try fixture.run(until: fixture.now)
        // The call was placed inside the letters' window (a weekday, 09:00–18:00): the notice goes now.
        #expect(fixture.calendar.nextMoment(on: .letter, atOrAfter: fixture.now) == fixture.now)
        #expect(try fixture.letters().count == 1)
        #expect(try fixture.caseValue("position") == "5")
        #expect(try fixture.caseValue("formal_notice_on") == callDay.description)
        #expect(try fixture.caseValue("expedite") == "f", "executing the step ends the expedite")
        let outcome = try #require(try fixture.tasks().first)
        #expect(outcome["state"] == "done")
        #expect((outcome["outcome"] ?? nil)?.contains("\"next_step\": \"escalate\"") == true)
        #expect(try fixture.events("call_outcome").first?.text.contains("\"expedited\": true") == true)
    }

    @Test func continueKeepsThePolicysPace() throws {
        let (fixture, task) = try calling()
        let planned = try #require(try fixture.pendingStep())
        try fixture.sql.query("SELECT tenant_runner.record_call_outcome($1::bigint, true, 'cash_flow', 'continue')", [task])
        try fixture.run(until: fixture.now)
        #expect(try fixture.pendingStep()?.dueAt == planned.dueAt)
        #expect(try fixture.caseValue("expedite") == "f")
        #expect(try fixture.letters().isEmpty)
    }

    /// The call task's deadline, read from the database.
    private func deadline(of task: String, _ fixture: RunnerFixture) throws -> Date {
        try #require(try fixture.sql.query("SELECT deadline FROM tenant_runner.tasks WHERE id = $1::bigint", [task])
            .first.map { try $0.decode(Date.self, "deadline") })
    }

    @Test func aCallLeftUndoneIsMarkedOverdueAndTheProcedureKeepsItsPaceByDefault() throws {
        let (fixture, task) = try calling()
        let planned = try #require(try fixture.pendingStep())
        let deadline = try deadline(of: task, fixture)
        #expect(deadline < planned.dueAt, "the call is due before the formal notice")

        try fixture.run(until: deadline.addingTimeInterval(-60))
        #expect(try fixture.events("task_overdue").isEmpty, "not overdue before its deadline")
        try fixture.run(until: deadline.addingTimeInterval(60))
        let events = try fixture.events("task_overdue")
        try #require(events.count == 1, "a review at the deadline notices the call left undone")
        #expect(events[0].text.contains("\"rule\": \"wait\""))
        #expect(events[0].text.contains("\"escalated\": false"))
        #expect(try fixture.value("SELECT overdue_at IS NOT NULL FROM tenant_runner.tasks WHERE id = $1::bigint", [task]) == "t")
        #expect(try fixture.value("SELECT state FROM tenant_runner.tasks WHERE id = $1::bigint", [task]) == "open",
                "the collector can still make the call")
        #expect(try fixture.pendingStep()?.dueAt == planned.dueAt)
        #expect(try fixture.caseValue("expedite") == "f")

        try fixture.run(until: deadline.addingTimeInterval(7200))
        #expect(try fixture.events("task_overdue").count == 1, "said once")
    }

    @Test func aCallLeftUndoneEscalatesWhenThePolicySaysSo() throws {
        let fixture = try RunnerFixture()
        _ = fixture.spool
        try fixture.sql.query("UPDATE tenant_runner.policy_steps SET when_overdue = 'escalate' WHERE policy = 'business' AND position = 4")
        try fixture.addInvoice("FA-1", amount: "1000.00")
        try fixture.run(until: fixture.now)
        try fixture.runSteps(through: 4)
        let task = try #require(try fixture.tasks().first { $0["kind"] == "call" }?["id"] ?? nil)
        let planned = try #require(try fixture.pendingStep())
        let deadline = try deadline(of: task, fixture)
        #expect(try fixture.letters().isEmpty)

        try fixture.run(until: deadline.addingTimeInterval(60))
        let events = try fixture.events("task_overdue")
        try #require(events.count == 1)
        #expect(events[0].text.contains("\"rule\": \"escalate\""))
        #expect(events[0].text.contains("\"escalated\": true"))
        // 18:00 is after the letters' window: the notice goes at the window's next opening, long
        // before the policy's day for it.
        let noticeAt = fixture.calendar.nextMoment(on: .letter, atOrAfter: deadline)
        #expect(noticeAt < planned.dueAt)
        try fixture.run(until: noticeAt)
        #expect(try fixture.letters().count == 1, "the formal notice went at once")
        #expect(try fixture.caseValue("position") == "5")
        #expect(try fixture.caseValue("expedite") == "f", "executing the step ends the expedite")
    }

    @Test func aCallDoneInTimeIsNeverOverdue() throws {
        let (fixture, task) = try calling()
        try fixture.sql.query("UPDATE tenant_runner.policy_steps SET when_overdue = 'escalate' WHERE policy = 'business' AND position = 4")
        let planned = try #require(try fixture.pendingStep())
        try fixture.sql.query("SELECT tenant_runner.record_call_outcome($1::bigint, true, 'cash_flow', 'continue')", [task])
        try fixture.run(until: try deadline(of: task, fixture).addingTimeInterval(3600))
        #expect(try fixture.events("task_overdue").isEmpty)
        #expect(try fixture.pendingStep()?.dueAt == planned.dueAt)
    }
}
