import Foundation
import Postgres
import RecouvreCore
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

/// Reductions and credit notes that bring the debtor's balance to zero close the case.
@Suite(.serialized) struct ProcedureClosingTests {
    let mailbox: CapturedMailbox

    init() throws { mailbox = try CapturedMailbox.fromEnvironment() }

    @Test func aCreditNoteClearingTheBalanceClosesTheCaseAndCancelsStepsAndTasks() async throws {
        let fixture = try RunnerFixture()
        _ = fixture.spool
        let invoice = try fixture.addInvoice("FA-1", amount: "1000.00")
        try fixture.run(until: fixture.now)
        try fixture.runSteps(through: 4)  // reminder1, reminder2, then the call task
        #expect(try fixture.tasks().map { $0["state"] } == ["open"])
        #expect(try fixture.pendingStep()?.position == 5)

        // A reduction of part of it changes nothing to the procedure.
        try fixture.sql.query("SELECT tenant_runner.grant_reduction($1, 600.00, 'late delivery', 'reduction', 'j.martin')", [invoice])
        try fixture.run(until: fixture.now)
        #expect(try fixture.caseValue("state") == "open")
        #expect(try fixture.pendingStep()?.position == 5)

        // A credit note for the rest closes the case, with its step and its task.
        try fixture.sql.query("SELECT tenant_runner.grant_reduction($1, 400.00, 'goods taken back', 'credit_note', 'j.martin')", [invoice])
        try fixture.run(until: fixture.now)
        #expect(try fixture.caseValue("state") == "closed")
        #expect(try fixture.caseValue("close_reason") == "paid")
        #expect(try fixture.pendingStep() == nil)
        #expect(try fixture.cancelled(kind: "step") == ["credit note"], "the cancellation says what settled the debt")
        #expect(try fixture.tasks().map { $0["state"] } == ["cancelled"])
        let closed = try #require(try fixture.events("case_closed").first)
        #expect(closed.text.contains("\"tasks_cancelled\": 1"))
        #expect(try fixture.events("reduction_granted").count == 2)
        #expect(try fixture.value("SELECT reduced::text FROM tenant_runner.invoice_balances") == "1000.00")

        try fixture.run(daysLater: 40)
        #expect(try fixture.letters().isEmpty, "no formal notice for a settled debt")
        #expect(mailbox.messages(to: fixture.recipient).count == 2)
    }

    @Test func aWriteOffClosesTheCase() async throws {
        let fixture = try RunnerFixture()
        let invoice = try fixture.addInvoice("FA-1", amount: "1000.00")
        try fixture.run(until: fixture.now)
        try fixture.pay("250.00")
        try fixture.sql.query("SELECT tenant_runner.write_off($1, 'debtor in liquidation', 'j.martin')", [invoice])
        try fixture.run(until: fixture.now)
        #expect(try fixture.value("SELECT amount::text FROM tenant_runner.reductions WHERE kind = 'write_off'") == "750.00")
        #expect(try fixture.caseValue("state") == "closed")
        #expect(try fixture.cancelled(kind: "step") == ["written off"])
        #expect(try fixture.caseValue("close_reason") == "written_off")
    }
}
