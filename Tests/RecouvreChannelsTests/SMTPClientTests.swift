import Foundation
import Testing
import RecouvreCore
import RecouvreTestSupport
@testable import RecouvreChannels
#if canImport(Glibc)
import Glibc
#endif

/// Delivers to the loopback SMTP server the test environment runs.
@Suite struct SMTPClientTests {
    private func relay() throws -> SMTPRelay {
        try Self.prepareMaildir()
        let address = try TestEnvironment.smtpAddress()
        return try SMTPRelay(url: "smtp://\(address.host):\(address.port)")
    }

    private func message(to recipient: String, action: Int64, subject: String, body: String) -> EmailMessage {
        EmailMessage(
            from: "relances@atelier-durand.fr", fromName: "Atelier Durand & Fils", to: recipient, toName: "Boulangerie Martin",
            subject: subject, textBody: body,
            messageID: EmailMessage.messageID(action: action, tenant: "acme", domain: "atelier-durand.fr"), date: Date())
    }

    private func uniqueRecipient() -> String {
        "debtor-\(UUID().uuidString.lowercased())@boulangerie-martin.fr"
    }

    @Test func deliversARenderedReminder() async throws {
        let recipient = uniqueRecipient()
        let invoices = try ReminderRendererTests.invoices()
        let content = try ReminderRenderer().render(template: "reminder1", model: try ReminderRendererTests.model(.fr, invoices: invoices))
        let client = SMTPClient(relay: try relay(), heloName: "recouvre.test", timeout: .seconds(10))
        defer { client.close() }
        let reply = try client.send(
            message(to: recipient, action: 4201, subject: content.subject, body: content.textBody),
            envelopeFrom: "bounces@atelier-durand.fr", recipients: [recipient])
        #expect(reply.hasPrefix("250"))

        let mailbox = try CapturedMailbox.fromEnvironment()
        let received = try await mailbox.waitForMessages(to: recipient)
        let delivered = try #require(received.first)
        #expect(received.count == 1)
        #expect(delivered.header("To")?.contains("<\(recipient)>") == true)
        #expect(HeaderDecoding.decode(try #require(delivered.header("Subject"))) == content.subject)
        #expect(delivered.header("Message-ID") == "<action-4201.acme@atelier-durand.fr>")
        let body = delivered.body.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(body.contains("- Facture n° F-2026-0042 du 16/12/2025, échue le 15/01/2026"))
        #expect(body.contains("Total restant dû au 09/02/2026 : 1\u{202F}114,66\u{00A0}€"))
        #expect(body.contains("salutations distinguées."))
    }

    @Test func reusesOneConnectionForSeveralMessages() async throws {
        let recipient = uniqueRecipient()
        let client = SMTPClient(relay: try relay(), heloName: "recouvre.test", timeout: .seconds(10))
        defer { client.close() }
        _ = try client.send(message(to: recipient, action: 1, subject: "Premier", body: "un\n.ligne avec point\n"), envelopeFrom: "b@atelier-durand.fr", recipients: [recipient])
        #expect(client.isConnected)
        _ = try client.send(message(to: recipient, action: 2, subject: "Second", body: "deux\n"), envelopeFrom: "b@atelier-durand.fr", recipients: [recipient])
        let received = try await CapturedMailbox.fromEnvironment().waitForMessages(to: recipient, count: 2)
        #expect(Set(received.compactMap { $0.header("Message-ID") }) == ["<action-1.acme@atelier-durand.fr>", "<action-2.acme@atelier-durand.fr>"])
        let first = try #require(received.first { $0.header("Subject") == "Premier" })
        #expect(first.body.replacingOccurrences(of: "\r\n", with: "\n") == "un\n.ligne avec point\n")
        // Closing and sending again reconnects.
        client.close()
        #expect(!client.isConnected)
        _ = try client.send(message(to: recipient, action: 3, subject: "Troisième", body: "trois\n"), envelopeFrom: "b@atelier-durand.fr", recipients: [recipient])
        #expect(try await CapturedMailbox.fromEnvironment().waitForMessages(to: recipient, count: 3).count == 3)
    }

    @Test func connectionRefusedIsATemporaryConnectError() throws {
        let port = try Self.closedPort()
        let client = SMTPClient(relay: try SMTPRelay(url: "smtp://127.0.0.1:\(port)"), timeout: .seconds(5))
        do {
            _ = try client.send(message(to: "a@b.fr", action: 9, subject: "x", body: "x"), envelopeFrom: "b@c.fr", recipients: ["a@b.fr"])
            Issue.record("sending to a closed port succeeded")
        } catch {
            #expect(error.stage == "connect")
            #expect(!error.isPermanent)
            #expect(error.code == nil)
            #expect(error.message.contains("127.0.0.1:\(port)"))
            #expect(error.message.lowercased().contains("refused"))
        }
    }

    @Test func refusesCredentialsAndBadAddressesBeforeConnecting() throws {
        let withAuth = SMTPClient(relay: try SMTPRelay(url: "smtp://user:secret@127.0.0.1:1"))
        do {
            _ = try withAuth.send(message(to: "a@b.fr", action: 1, subject: "x", body: "x"), envelopeFrom: "b@c.fr", recipients: ["a@b.fr"])
            Issue.record("AUTH relay accepted")
        } catch {
            #expect(error.message.contains("SMTP AUTH is not supported yet"))
            #expect(!error.message.contains("secret"))
        }
        let client = SMTPClient(relay: try relay())
        #expect(throws: SMTPError.self) {
            try client.send(message(to: "a@b.fr", action: 1, subject: "x", body: "x"), envelopeFrom: "b@c.fr", recipients: ["a@b.fr>\r\nRCPT TO:<x@y.fr"])
        }
        #expect(throws: SMTPError.self) {
            try client.send(message(to: "a@b.fr", action: 1, subject: "x", body: "x"), envelopeFrom: "not an address", recipients: ["a@b.fr"])
        }
        #expect(throws: SMTPError.self) {
            try client.send(message(to: "a@b.fr", action: 1, subject: "x", body: "x"), envelopeFrom: "b@c.fr", recipients: [])
        }
        #expect(!client.isConnected)
    }

    /// The server stores into an existing Maildir only when its `tmp`, `new` and `cur` folders
    /// exist; make sure they do, whoever created the directory.
    static func prepareMaildir() throws {
        let root = try TestEnvironment.maildir()
        for folder in ["tmp", "new", "cur"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
    }

    /// A loopback port with nothing listening: bound, then released.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        try #require(named == 0)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
