import Foundation
import Postgres
import RecouvreCore
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

/// Disputes on one invoice or on the whole debtor, opened and resolved with the SQL functions,
/// as the daemon's runner follows them.
@Suite(.serialized) struct ProcedureDisputeTests {
    let mailbox: CapturedMailbox

    init() throws { mailbox = try CapturedMailbox.fromEnvironment() }

    private func openDispute(_ fixture: RunnerFixture, invoice: Int64?) throws -> Int64 {
        try #require(try fixture.sql.query("""
            SELECT tenant_runner.open_dispute($1, $2::bigint, 'goods returned on delivery', 'j.martin') AS id
            """, [fixture.debtorID, invoice]).first?.decode(Int64.self, "id"))
    }

    private func resolve(_ fixture: RunnerFixture, _ dispute: Int64, _ resolution: String) throws {
        try fixture.sql.query("SELECT tenant_runner.resolve_dispute($1, $2, 'checked with the warehouse', 'j.martin')",
                              [dispute, resolution])
    }

    @Test func aDisputedInvoiceLeavesTheNextMessageAndTheOtherStays() async throws {
        let fixture = try RunnerFixture()
        let disputed = try fixture.addInvoice("FA-1", amount: "1000.00", daysAgo: 10)
        try fixture.addInvoice("FA-2", amount: "318.00", daysAgo: 3)
        try fixture.run(until: fixture.now)
        let first = try #require(try await mailbox.waitForMessages(to: fixture.recipient).first)
        #expect(first.body.contains("FA-1") && first.body.contains("FA-2"))

        _ = try openDispute(fixture, invoice: disputed)
        try fixture.run(until: fixture.now)
        let next = try #require(try fixture.pendingStep())
        #expect(next.position == 3)
        try fixture.run(until: next.dueAt)
        let second = try #require(try await mailbox.waitForMessages(to: fixture.recipient, count: 2).withSubject("Second rappel"))
        #expect(second.decodedHeader("Subject")?.contains("Second rappel : facture FA-2") == true)
        #expect(second.body.contains("FA-2"))
        #expect(!second.body.contains("FA-1"), "the disputed invoice is left out: \(second.body)")
        #expect(second.body.contains(" : \(euros("318.00"))"), "the total is FA-2 alone: \(second.body)")
        #expect(!second.body.contains(euros("1318.00")))
    }

    @Test func aDisputeOnTheWholeDebtorStopsEverythingUntilResolvedResume() async throws {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1", amount: "1000.00", daysAgo: 10)
        try fixture.addInvoice("FA-2", amount: "80.00", daysAgo: -6)  // courtesy planned in 3 days
        try fixture.run(until: fixture.now)
        _ = try await mailbox.waitForMessages(to: fixture.recipient)
        #expect(try fixture.actions(kind: "courtesy").map(\.state) == ["scheduled"])

        let dispute = try openDispute(fixture, invoice: nil)
        try fixture.run(until: fixture.now)
        #expect(try fixture.cancelled(kind: "step") == ["disputed"])
        #expect(try fixture.cancelled(kind: "courtesy") == ["disputed"])
        #expect(try fixture.pendingStep() == nil)
        try fixture.run(daysLater: 10)
        #expect(mailbox.messages(to: fixture.recipient).count == 1, "nothing is sent while the debtor disputes")
        #expect(try fixture.caseValue("position") == "2")

        try resolve(fixture, dispute, "resume")
        try fixture.run(until: fixture.now)
        #expect(try fixture.events("dispute_resolved").count == 1)
        // reminder2 was due 3 days ago: it goes at once; then the call is planned.
        let messages = try await mailbox.waitForMessages(to: fixture.recipient, count: 2)
        #expect(messages.count == 2)
        let second = try #require(messages.withSubject("Second rappel"), "\(messages.subjects)")
        #expect(second.body.contains("FA-1") && second.body.contains("FA-2"))
        #expect(try fixture.caseValue("position") == "3")
        #expect(try fixture.pendingStep()?.position == 4)
    }

    @Test func aDisputeResolvedCancelWritesOffAndClosesTheCase() async throws {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1", amount: "1000.00", daysAgo: 10)
        try fixture.run(until: fixture.now)
        _ = try await mailbox.waitForMessages(to: fixture.recipient)
        let dispute = try openDispute(fixture, invoice: nil)
        try fixture.run(until: fixture.now)
        try resolve(fixture, dispute, "cancel")
        try fixture.run(until: fixture.now)

        let writeOff = try #require(try fixture.rows("SELECT kind, amount::text AS amount, reason FROM tenant_runner.reductions").first)
        #expect(writeOff["kind"] == "write_off")
        #expect(writeOff["amount"] == "1000.00")
        #expect(writeOff["reason"] == "dispute upheld: goods returned on delivery")
        #expect(try fixture.value("SELECT outstanding::text FROM tenant_runner.invoice_balances") == "0.00")
        #expect(try fixture.caseValue("state") == "closed")
        #expect(try fixture.events("case_closed").count == 1)
        #expect(try fixture.pendingStep() == nil)
        try fixture.run(daysLater: 30)
        #expect(mailbox.messages(to: fixture.recipient).count == 1)
    }

    @Test
    func aDisputeUpheldClosesTheCaseAsDisputeUpheld() async throws {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1", amount: "1000.00", daysAgo: 10)
        try fixture.run(until: fixture.now)
        let dispute = try openDispute(fixture, invoice: nil)
        try resolve(fixture, dispute, "cancel")
        try fixture.run(until: fixture.now)
        #expect(try fixture.caseValue("close_reason") == "dispute_upheld")
    }
}
