import Foundation
import RecouvreCore
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

/// A relay URL that asks for TLS the relay does not offer: nothing is sent in clear, the step is
/// retried and in the end dead, with the reason in `last_error` for ops.
@Suite(.serialized) struct MailTLSFailureTests {
    @Test func aRelayWithoutSTARTTLSIsNeverSentToInClearWhenTheURLRequiresIt() async throws {
        let smtp = try TestEnvironment.smtpAddress()
        let fixture = try RunnerFixture(smtpURL: "smtp://\(smtp.host):\(smtp.port)?starttls=required")
        fixture.configuration.channelMaxAttempts["email"] = 2
        try fixture.addInvoice("FA-1")
        try fixture.run(until: fixture.now)
        var step = try #require(try fixture.actions().first)
        #expect(step.state == "scheduled" && step.attempts == 1)
        #expect(step.lastError?.contains("STARTTLS") == true, "\(step.lastError ?? "")")
        #expect(try fixture.events("delivery_failed").count == 1)

        try fixture.makeEverythingDue()
        try fixture.runDue()
        step = try #require(try fixture.actions().first)
        #expect(step.state == "dead")
        #expect(step.lastError?.contains("nothing was sent in clear") == true)
        #expect(try CapturedMailbox.fromEnvironment().messages(to: fixture.recipient).isEmpty)
    }

    @Test func implicitTLSAgainstAPlainRelayFailsTheHandshake() throws {
        let smtp = try TestEnvironment.smtpAddress()
        let fixture = try RunnerFixture(smtpURL: "smtps://\(smtp.host):\(smtp.port)")
        try fixture.addInvoice("FA-1")
        try fixture.run(until: fixture.now)
        let step = try #require(try fixture.actions().first)
        #expect(step.state == "scheduled" && step.attempts == 1)
        #expect(step.lastError?.contains("TLS") == true, "\(step.lastError ?? "")")
    }
}
