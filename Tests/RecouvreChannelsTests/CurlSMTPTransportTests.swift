import Foundation
import Testing
import RecouvreChannels
import RecouvreTestSupport

/// Delivers through libcurl to real aiosmtpd servers on loopback: STARTTLS, implicit TLS, AUTH.
@Suite struct CurlSMTPTransportTests {
    static let user = "relay@acme"
    static let password = "p@ss:w%rd-42"

    private func server(_ mode: String, auth: Bool = true) throws -> LoopbackServer {
        let certificate = try TestCertificate.get()
        var arguments = ["--mode", mode, "--cert", certificate.certificate, "--key", certificate.key]
        if auth { arguments += ["--user", Self.user, "--password", Self.password] }
        return try LoopbackServer(script: "smtp_server.py", arguments: arguments)
    }

    private func relay(_ scheme: String = "smtp", port: Int, password: String = CurlSMTPTransportTests.password, query: String) throws -> SMTPRelay {
        let encodedPassword = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        return try SMTPRelay(url: "\(scheme)://relay%40acme:\(encodedPassword)@127.0.0.1:\(port)\(query)")
    }

    private func message(action: Int64 = 1, subject: String = "Relance : facture F-2026-0042 échue", body: String = "Madame, Monsieur,\n.une ligne qui commence par un point\n") -> EmailMessage {
        EmailMessage(from: "relances@atelier-durand.fr", fromName: "Atelier Durand", to: "compta@boulangerie-martin.fr", toName: "Boulangerie Martin",
                     subject: subject, textBody: body,
                     messageID: EmailMessage.messageID(action: action, tenant: "acme", domain: "atelier-durand.fr"), date: Date())
    }

    private func send(_ transport: CurlSMTPTransport, _ message: EmailMessage, to recipient: String = "compta@boulangerie-martin.fr") throws(SMTPError) -> String {
        try transport.send(message, envelopeFrom: "bounces@atelier-durand.fr", recipients: [recipient])
    }

    @Test func deliversOverSTARTTLSWithAuthAndReusesTheConnection() throws {
        let server = try server("starttls")
        defer { server.stop() }
        let cafile = try TestCertificate.get().certificate
        let transport = CurlSMTPTransport(relay: try relay(port: server.port, query: "?starttls=required&cafile=\(cafile)"), heloName: "recouvre.test", timeout: .seconds(10))
        defer { transport.close() }
        let first = try send(transport, message(action: 1))
        #expect(first == "250 2.0.0 Ok: queued as Q0001")
        #expect(transport.isConnected)
        let second = try send(transport, message(action: 2, subject: "Second"))
        #expect(second == "250 2.0.0 Ok: queued as Q0002")

        let stored = server.storedMessages().map(CapturedMessage.init(raw:))
        try #require(stored.count == 2)
        #expect(stored[0].header("X-Test-TLS") == "yes")
        #expect(stored[0].header("X-Test-Auth") == Self.user)
        #expect(stored[0].header("X-Test-Mail-From") == "bounces@atelier-durand.fr")
        #expect(stored[0].header("X-Test-Rcpt") == "compta@boulangerie-martin.fr")
        #expect(stored[0].header("Message-ID") == "<action-1.acme@atelier-durand.fr>")
        #expect(stored[0].decodedHeader("Subject") == "Relance : facture F-2026-0042 échue")
        #expect(stored[0].body.replacingOccurrences(of: "\r\n", with: "\n") == "Madame, Monsieur,\n.une ligne qui commence par un point\n")
        // One connection for both messages: the same client port, one AUTH.
        #expect(stored[0].header("X-Test-Peer") == stored[1].header("X-Test-Peer"))
        #expect(server.logLines("commands.log").filter { $0.hasPrefix("AUTH") }.count == 1)
        #expect(server.logLines("commands.log").filter { $0.hasPrefix("MAIL") }.allSatisfy { $0.hasSuffix(" tls") })
    }

    @Test func deliversOverImplicitTLS() throws {
        let server = try server("smtps")
        defer { server.stop() }
        let cafile = try TestCertificate.get().certificate
        let transport = CurlSMTPTransport(relay: try relay("smtps", port: server.port, query: ""), timeout: .seconds(10), caFile: cafile)
        defer { transport.close() }
        #expect(try send(transport, message()) == "250 2.0.0 Ok: queued as Q0001")
        let stored = try #require(server.storedMessages().first.map(CapturedMessage.init(raw:)))
        #expect(stored.header("X-Test-TLS") == "yes")
        #expect(stored.header("X-Test-Auth") == Self.user)
    }

    @Test func refusesAnUntrustedCertificateAndTrustsTheGivenCAFile() throws {
        let server = try server("starttls")
        defer { server.stop() }
        let untrusted = CurlSMTPTransport(relay: try relay(port: server.port, query: "?starttls=required"), timeout: .seconds(10))
        do {
            _ = try send(untrusted, message())
            Issue.record("delivered to a relay whose certificate nobody trusts")
        } catch {
            #expect(error.stage == "TLS")
            #expect(error.message.contains("certificate verify failed: self-signed certificate; set cafile= to trust it"), "\(error)")
            #expect(!error.description.contains(Self.password))
        }
        #expect(server.storedMessages().isEmpty)
        #expect(server.logLines("commands.log").isEmpty, "no AUTH and no MAIL before trust")

        let cafile = try TestCertificate.get().certificate
        let trusted = CurlSMTPTransport(relay: try relay(port: server.port, query: "?starttls=required&cafile=\(cafile)"), timeout: .seconds(10))
        #expect(try send(trusted, message()).hasPrefix("250 "))
        #expect(server.storedMessages().count == 1)
    }

    @Test func aWrongPasswordIsPermanentAndNeverShown() throws {
        let server = try server("starttls")
        defer { server.stop() }
        let cafile = try TestCertificate.get().certificate
        let wrong = "hunter2-Wrong"
        let transport = CurlSMTPTransport(relay: try relay(port: server.port, password: wrong, query: "?starttls=required&cafile=\(cafile)"), timeout: .seconds(10))
        do {
            _ = try send(transport, message())
            Issue.record("delivered with a wrong password")
        } catch {
            #expect(error.isPermanent)
            #expect(error.stage == "AUTH")
            #expect(error.code == 535, "\(error)")
            #expect(!error.description.contains(wrong) && !error.message.contains(wrong))
            #expect(!error.outcomeUnknown)
        }
        #expect(server.storedMessages().isEmpty)
    }

    @Test func aServerThatIsDownIsATransientConnectError() throws {
        let port = try SMTPClientTests.closedPort()
        let transport = CurlSMTPTransport(relay: try SMTPRelay(url: "smtp://127.0.0.1:\(port)?starttls=required"), timeout: .seconds(5), connectTimeout: .seconds(2))
        do {
            _ = try send(transport, message())
            Issue.record("sent to a closed port")
        } catch {
            #expect(error.stage == "connect")
            #expect(!error.isPermanent)
            #expect(error.code == nil)
            #expect(error.message.contains("127.0.0.1:\(port)"), "\(error)")
        }
    }

    @Test func requiredSTARTTLSAgainstARelayWithoutItSendsNothingInClear() throws {
        let server = try server("plain", auth: false)
        defer { server.stop() }
        let transport = CurlSMTPTransport(relay: try SMTPRelay(url: "smtp://127.0.0.1:\(server.port)?starttls=required"), timeout: .seconds(10))
        do {
            _ = try send(transport, message())
            Issue.record("sent in clear despite starttls=required")
        } catch {
            #expect(error.stage == "STARTTLS")
            #expect(error.message.contains("does not offer STARTTLS"), "\(error)")
        }
        #expect(server.logLines("commands.log").isEmpty, "no MAIL FROM in clear")
        #expect(server.storedMessages().isEmpty)

        // Opportunistic STARTTLS accepts the clear connection, as its URL says.
        let opportunistic = CurlSMTPTransport(relay: try SMTPRelay(url: "smtp://127.0.0.1:\(server.port)?starttls=opportunistic"), timeout: .seconds(10))
        #expect(try send(opportunistic, message()).hasPrefix("250 "))
        #expect(server.storedMessages().first.map(CapturedMessage.init(raw:))?.header("X-Test-TLS") == "no")
    }

    @Test func refusedRecipientsAreClassifiedByTheirCode() throws {
        let server = try server("plain", auth: false)
        defer { server.stop() }
        let transport = CurlSMTPTransport(relay: try SMTPRelay(url: "smtp://127.0.0.1:\(server.port)"), timeout: .seconds(10))
        do {
            _ = try send(transport, message(), to: "unknown@boulangerie-martin.fr")
            Issue.record("accepted an unknown recipient")
        } catch {
            #expect(error.code == 550 && error.isPermanent && error.stage == "RCPT TO", "\(error)")
            #expect(error.message.contains("no such user"))
        }
        do {
            _ = try send(transport, message(), to: "busy@boulangerie-martin.fr")
            Issue.record("accepted a busy recipient")
        } catch {
            #expect(error.code == 451 && !error.isPermanent && error.stage == "RCPT TO", "\(error)")
        }
        #expect(try send(transport, message()).hasPrefix("250 "))
    }

    @Test func noReplyAfterTheWholeMessageIsAnUnknownOutcome() throws {
        let server = try server("plain", auth: false)
        defer { server.stop() }
        let transport = CurlSMTPTransport(relay: try SMTPRelay(url: "smtp://127.0.0.1:\(server.port)"), timeout: .milliseconds(1500))
        do {
            _ = try send(transport, message(), to: "slow@boulangerie-martin.fr")
            Issue.record("a reply came from a server that answers after 3 s")
        } catch {
            #expect(error.outcomeUnknown, "\(error)")
            #expect(!error.isPermanent)
            #expect(error.stage == "message")
        }
    }
}
