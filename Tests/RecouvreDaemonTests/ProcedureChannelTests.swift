import Foundation
import Postgres
import RecouvreCore
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

/// Channels without a gateway: a step on them fails at once, clearly, and is not retried.
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
            VALUES ('gateway', 1, 1, 'reminder', $1, 'reminder1')
            """, [channel])
        try fixture.sql.execute("COMMIT")
        try fixture.sql.query("UPDATE tenant_runner.debtors SET policy = 'gateway' WHERE id = $1", [fixture.debtorID])
        try fixture.addInvoice("FA-1")
        try fixture.run(until: fixture.now)

        let step = try #require(try fixture.actions().first)
        #expect(step.state == "failed")
        #expect(step.attempts == 1)
        #expect(step.lastError == "no \(channel) gateway is configured for tenant runner; use an e-mail, letter or task step in the policy")
        let failure = try #require(try fixture.events("delivery_failed").first)
        #expect(failure.text.contains("\"final\": \"true\""))

        // Not retried: nothing runs again, even much later.
        try fixture.makeEverythingDue()
        try fixture.run(daysLater: 3)
        #expect(try fixture.actions().map(\.state) == ["failed"])
        #expect(try fixture.actions().first?.attempts == 1)
        #expect(try fixture.events("delivery_failed").count == 1)
        #expect(try fixture.caseValue("position") == "0", "a failed step does not advance the case")
        #expect(mailbox.messages(to: fixture.recipient).isEmpty)
    }
}
