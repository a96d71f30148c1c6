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

    @Test func anApprovedSmallClaimsStepProducesTheCourtReadyFile() throws {
        let fixture = try noticed(amount: "1000.00")
        let held = try fixture.runNextStep()
        #expect(held.position == 6)
        try decide(fixture, true)
        let file = try #require(try fixture.courtFiles().first)
        #expect(file.name.hasSuffix("-small_claims.json"))
        let json = file.json
        let recommendation = try #require(json["recommendation"] as? [String: Any])
        #expect(recommendation["route"] as? String == "small_claims")
        #expect((recommendation["warnings"] as? [String])?.isEmpty == true, "a formal notice was given: the amicable attempt is there")
        let claims = try #require(json["claims"] as? [[String: Any]])
        #expect(claims.map { $0["number"] as? String } == ["FA-1"])
        #expect(claims.first?["indemnity"] as? String == "40.00")
        let penalty = try #require(Decimal(string: claims.first?["penalty"] as? String ?? ""))
        #expect(penalty > 0)
        let debtor = try #require(json["debtor"] as? [String: Any])
        #expect(debtor["name"] as? String == "Boulangerie Martin" && debtor["kind"] as? String == "business")
        let chronology = try #require(json["chronology"] as? [[String: Any]])
        let kinds = chronology.compactMap { $0["kind"] as? String }
        #expect(kinds.contains("formal_notice_sent") && kinds.contains("message_accepted") && kinds.contains("invoice_recorded"), "\(kinds)")
        let proofs = chronology.compactMap { $0["proof"] as? String }
        #expect(proofs.contains { $0.hasPrefix("Message-ID <action-") && $0.contains("relay: 250") }, "\(proofs)")
        #expect(proofs.contains { $0.hasPrefix("letter ") && $0.hasSuffix("-formal_notice.txt") }, "\(proofs)")
        // Its PDF twin, for the lawyer or commissaire de justice.
        let pdf = URL(fileURLWithPath: fixture.spool).appendingPathComponent("runner")
            .appendingPathComponent(file.name.replacingOccurrences(of: ".json", with: ".pdf")).path
        // Lines wrap anywhere: compare with runs of white space folded.
        let text = try text(ofPDF: pdf).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Dossier contentieux – Boulangerie Martin"), "\(text)")
        #expect(text.contains("Voie recommandée") && text.contains("CPCE L125-1"), "\(text)")
        #expect(text.contains("Chronologie et preuves") && text.contains("Message-ID <action-"), "\(text)")
        #expect(text.contains("FA-1"))
        // The step's outcome says where the file is.
        let task = try #require(try fixture.tasks().first { $0["kind"] == "small_claims" })
        #expect(task["state"] == "open")
        #expect(try fixture.value("SELECT outcome->>'route' FROM tenant_runner.actions WHERE kind = 'step' AND step = 6") == "small_claims")
    }
}
