import Foundation
import RecouvreChannels
import Testing
@testable import RecouvreDaemon

@Suite struct MailSessionTests {
    static func message() -> EmailMessage {
        EmailMessage(from: "a@durand.example", fromName: nil, to: "b@martin.example", toName: nil, subject: "s",
                     textBody: "t\n", messageID: "<action-1.t@durand.example>", date: Date())
    }

    @Test func anUnreachableRelayIsNotTriedAgainForAWhile() throws {
        let session = MailSession(heloName: "recouvre.test", holdOff: 30)
        let url = "smtp://127.0.0.1:\(try RunnerFixture.closedPort())"
        let start = Date()
        #expect(throws: SMTPError.self) {
            _ = try session.send(Self.message(), relayURL: url, envelopeFrom: "a@durand.example", recipient: "b@martin.example", now: start)
        }
        do {
            _ = try session.send(Self.message(), relayURL: url, envelopeFrom: "a@durand.example", recipient: "b@martin.example",
                                 now: start.addingTimeInterval(5))
            Issue.record("sent through an unreachable relay")
        } catch {
            #expect(error.stage == "connect")
            #expect(error.message.contains("not tried again yet"))
            #expect(!error.isPermanent)
        }
        // After the hold-off, it is tried again (and fails again, for real).
        do {
            _ = try session.send(Self.message(), relayURL: url, envelopeFrom: "a@durand.example", recipient: "b@martin.example",
                                 now: start.addingTimeInterval(31))
        } catch {
            #expect(!error.message.contains("not tried again yet"))
        }
    }

    @Test func anUnusableRelayURLIsAPermanentConfigurationError() {
        let session = MailSession(heloName: "recouvre.test")
        do {
            _ = try session.send(Self.message(), relayURL: "smtp://", envelopeFrom: "a@durand.example", recipient: "b@martin.example")
            Issue.record("accepted an empty relay URL")
        } catch {
            #expect(error.isPermanent)
            #expect(error.stage == "configuration")
        }
    }
}
