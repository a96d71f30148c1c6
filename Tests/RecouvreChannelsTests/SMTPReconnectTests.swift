import Foundation
import Testing
@testable import RecouvreChannels

/// Connection reuse against a server that drops its clients between messages.
@Suite struct SMTPReconnectTests {
    private func message(_ action: Int64) -> EmailMessage {
        EmailMessage(
            from: "relances@atelier-durand.fr", fromName: nil, to: "debiteur@exemple.fr", toName: nil,
            subject: "Relance \(action)", textBody: "corps \(action)\n",
            messageID: EmailMessage.messageID(action: action, tenant: "acme", domain: "atelier-durand.fr"), date: Date())
    }

    @Test(arguments: [ScriptedSMTPServer.AfterMessage.close, .reply421])
    func reconnectsWhenTheServerDroppedTheConnection(_ behaviour: ScriptedSMTPServer.AfterMessage) throws {
        let server = try ScriptedSMTPServer(afterMessage: behaviour)
        defer { server.stop() }
        let client = SMTPClient(relay: try SMTPRelay(url: "smtp://127.0.0.1:\(server.port)"), heloName: "recouvre.test", timeout: .seconds(5))
        defer { client.close() }
        #expect(try client.send(message(1), envelopeFrom: "b@atelier-durand.fr", recipients: ["debiteur@exemple.fr"]) == "250 OK: queued as Q1")
        #expect(try client.send(message(2), envelopeFrom: "b@atelier-durand.fr", recipients: ["debiteur@exemple.fr"]) == "250 OK: queued as Q2")
        #expect(server.connections == 2)
        #expect(server.messages.count == 2)
        #expect(server.messages.last?.contains("Message-ID: <action-2.acme@atelier-durand.fr>") == true)
    }

    @Test func aRelayThatTakesTheMessageAndHangsUpLeavesTheOutcomeUnknown() throws {
        let server = try ScriptedSMTPServer(afterMessage: .hangUpBeforeAnswering)
        defer { server.stop() }
        let client = SMTPClient(relay: try SMTPRelay(url: "smtp://127.0.0.1:\(server.port)"), heloName: "recouvre.test", timeout: .seconds(5))
        defer { client.close() }
        do {
            _ = try client.send(message(1), envelopeFrom: "b@atelier-durand.fr", recipients: ["debiteur@exemple.fr"])
            Issue.record("no reply, yet reported as sent")
        } catch {
            #expect(error.outcomeUnknown, "\(error)")
            #expect(!error.isPermanent)
            #expect(error.description.contains("may have accepted"))
        }
        #expect(server.messages.count == 1, "the relay did receive it")
    }

    @Test func aRelayRefusingTheConnectionIsAClearFailureNotAnUnknownOutcome() throws {
        let server = try ScriptedSMTPServer(afterMessage: .close)
        let port = server.port
        server.stop()
        let client = SMTPClient(relay: try SMTPRelay(url: "smtp://127.0.0.1:\(port)"), heloName: "recouvre.test", timeout: .seconds(5))
        do {
            _ = try client.send(message(1), envelopeFrom: "b@atelier-durand.fr", recipients: ["debiteur@exemple.fr"])
            Issue.record("sent through a closed port")
        } catch {
            #expect(!error.outcomeUnknown)
        }
    }

    @Test func keepsOneConnectionWhenTheServerAllowsIt() throws {
        let server = try ScriptedSMTPServer(afterMessage: .stay)
        defer { server.stop() }
        let client = SMTPClient(relay: try SMTPRelay(url: "smtp://127.0.0.1:\(server.port)"), heloName: "recouvre.test", timeout: .seconds(5))
        for action in 1...20 {
            _ = try client.send(message(Int64(action)), envelopeFrom: "b@atelier-durand.fr", recipients: ["debiteur@exemple.fr"])
        }
        client.close()
        #expect(server.connections == 1)
        #expect(server.messages.count == 20)
    }
}
