import Foundation
import Postgres
import RecouvreCore
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

/// Steps that need a person's approval: held, then approved or refused with `decide_approval`.
@Suite(.serialized) struct ProcedureApprovalTests {
    /// A business debtor, €6,000 long overdue, walked to its formal notice (position 5).
    private func noticed(amount: String) throws -> RunnerFixture {
        let fixture = try RunnerFixture()
        _ = fixture.spool
        try fixture.addInvoice("FA-1", amount: amount, daysAgo: 100)
        try fixture.run(until: fixture.now)
        try fixture.runSteps(through: 5)
        return fixture
    }

    private func decide(_ fixture: RunnerFixture, _ approved: Bool) throws {
        let task = try #require(try fixture.tasks().first { $0["kind"] == "approval" && $0["state"] == "open" })
        try fixture.sql.query("SELECT tenant_runner.decide_approval($1::bigint, $2, NULL, 'j.martin')", [(task["id"] ?? nil) ?? "", approved])
        // The database stamps a refusal with its own clock, which does not move with the runner's:
        // put it at the runner's moment, as one clock would in production.
        if !approved {
            try fixture.sql.query("""
                UPDATE tenant_runner.cases SET last_step_at = $1 WHERE last_step_at BETWEEN now() - interval '1 minute' AND now()
                """, [fixture.now])
        }
        try fixture.run(until: fixture.now)
    }

    @Test func aDebtAboveFiveThousandGoesToTheAgencyOnceApproved() throws {
        let fixture = try noticed(amount: "6000.00")
        let held = try fixture.runNextStep()
        #expect(held.position == 7, "small claims stop at €5,000")
        #expect(try fixture.pendingStep()?.state == "held")
        try decide(fixture, true)
        let handoff = try #require(try fixture.tasks().first { $0["kind"] == "agency_handoff" })
        #expect(handoff["state"] == "open")
        #expect((handoff["title"] ?? nil)?.contains("agence de recouvrement") == true)
        #expect(try fixture.caseValue("stage") == "agency")
    }

    @Test func aHeldStepOfADebtPaidMeanwhileIsCancelledWithItsApprovalTask() throws {
        let fixture = try noticed(amount: "1000.00")
        try fixture.runNextStep()
        #expect(try fixture.pendingStep()?.state == "held")
        try fixture.pay("1000.00")
        try fixture.run(until: fixture.now)
        #expect(try fixture.caseValue("state") == "closed")
        #expect(try fixture.pendingStep() == nil)
        #expect(try fixture.tasks().filter { $0["kind"] == "approval" }.map { $0["state"] } == ["cancelled"])
    }

    @Test
    func aRefusedStepKeepsThePolicysSpacingToTheNextOne() throws {
        let fixture = try noticed(amount: "1000.00")
        let noticeDay = fixture.today
        let held = try fixture.runNextStep()
        #expect(held.position == 6)
        let refusedDay = fixture.today
        try decide(fixture, false)
        let court = try #require(try fixture.pendingStep())
        #expect(court.position == 8)
        // Either spacing rule gives at least 45 days after the notice here (refused 15 days after it).
        let courtDay = fixture.calendar.localDay(of: court.dueAt)
        #expect(noticeDay.days(to: courtDay) >= 45, "court \(courtDay), notice \(noticeDay), refused \(refusedDay)")
        #expect(refusedDay.days(to: courtDay) >= 30)
    }
}
