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
}
