import Foundation
import Postgres
import RecouvreCore
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

/// A tenant without an SMS gateway or webhook: a step on them fails at once, clearly, is not
/// retried, and the procedure goes on to the next step.
@Suite(.serialized) struct ProcedureChannelTests {
    let mailbox: CapturedMailbox

    init() throws { mailbox = try CapturedMailbox.fromEnvironment() }

    @Test(arguments: ["sms", "webhook"])
    func aStepOnAChannelWithoutGatewayFailsPermanently(channel: String) throws {
        let fixture = try RunnerFixture()
        try fixture.sql.execute("BEGIN")
        try fixture.sql.query("INSERT INTO tenant_runner.policies (name, description) VALUES ('gateway', 'one step')")
        try fixture.sql.query("""
            INSERT INTO tenant_runner.policy_steps (policy, position, offset_days, stage, channel, template)
            VALUES ('gateway', 1, 1, 'reminder', $1, 'reminder1'), ('gateway', 2, 8, 'reminder', 'email', 'reminder2')
            """, [channel])
        try fixture.sql.execute("COMMIT")
        try fixture.sql.query("UPDATE tenant_runner.debtors SET policy = 'gateway' WHERE id = $1", [fixture.debtorID])
        try fixture.addInvoice("FA-1")
        try fixture.run(until: fixture.now)

        let step = try #require(try fixture.actions().first)
        let firstDay = fixture.today
        #expect(step.state == "failed")
        #expect(step.attempts == 1)
        let setting = channel == "sms" ? "no sms gateway is configured for tenant runner; set one with recouvrectl tenant channels --sms-url"
            : "no webhook is configured for tenant runner; set one with recouvrectl tenant channels --webhook-url"
        #expect(step.lastError == setting)
        let failure = try #require(try fixture.events("delivery_failed").first)
        #expect(failure.text.contains("\"final\": \"true\""))

        #expect(try fixture.events("step_failed").count == 1)
        // The case goes on: the next step keeps the policy's 7 days from the failure.
        #expect(try fixture.caseValue("position") == "1")
        let next = try #require(try fixture.actions().last)
        #expect(next.step == 2 && next.state == "scheduled")
        #expect(fixture.calendar.localDay(of: next.dueAt) == firstDay.adding(days: 7))

        // The failed step is not retried: it runs once, and the next one goes in its time.
        try fixture.run(daysLater: 7)
        #expect(try fixture.actions().map(\.state) == ["failed", "succeeded"])
        #expect(try fixture.actions().first?.attempts == 1)
        #expect(try fixture.events("delivery_failed").count == 1)
        #expect(mailbox.messages(to: fixture.recipient).count == 1)
    }
}
