import Foundation
import Testing
import RecouvreChannels

/// Posts to a real HTTPS server on loopback (Python's http.server behind ssl) that checks the
/// signature the way docs/channels.md tells receivers to.
@Suite struct HTTPSPosterTests {
    static let secret = "whsec_8f2a"

    private func server(tls: Bool = true) throws -> LoopbackServer {
        var arguments = ["--secret", Self.secret]
        if tls {
            let certificate = try TestCertificate.get()
            arguments += ["--cert", certificate.certificate, "--key", certificate.key]
        }
        return try LoopbackServer(script: "webhook_server.py", arguments: arguments)
    }

    private func trusting(timeout: Duration = .seconds(10)) throws -> HTTPSPoster {
        HTTPSPoster(timeout: timeout, connectTimeout: .seconds(2), caFile: try TestCertificate.get().certificate)
    }

    private let body = Array(#"{"event":"reminder.sent","action":4201,"amount":"1114.66"}"#.utf8)

    private func post(_ poster: HTTPSPoster, _ url: String, key: String = "action-4201.acme") throws(HTTPPostError) -> HTTPPostReceipt {
        try poster.post(json: body, to: url, idempotencyKey: key, secret: Array(Self.secret.utf8))
    }

    @Test func deliversASignedRequest() throws {
        let server = try server()
        defer { server.stop() }
        let poster = try trusting()
        let receipt = try post(poster, "https://127.0.0.1:\(server.port)/ok")
        #expect(receipt.status == 200)
        #expect(receipt.bodyExcerpt.hasPrefix(#"{"id":"msg-1""#))
        // The receiver saw the exact bytes: it echoes them back.
        #expect(receipt.bodyExcerpt.contains(String(decoding: body, as: UTF8.self)))
        _ = try post(poster, "https://127.0.0.1:\(server.port)/ok", key: "action-4202.acme")
        #expect(server.logLines("requests.log") == ["/ok action-4201.acme ok", "/ok action-4202.acme ok"])
    }

    @Test func classifiesTheAnswers() throws {
        let server = try server()
        defer { server.stop() }
        let poster = try trusting()
        let base = "https://127.0.0.1:\(server.port)"
        do {
            _ = try post(poster, base + "/bad")
            Issue.record("400 taken as delivered")
        } catch {
            #expect(error.status == 400 && error.isPermanent && error.retryAfter == nil)
            #expect(error.bodyExcerpt.contains("unknown template"))
        }
        do {
            _ = try post(poster, base + "/busy")
            Issue.record("429 taken as delivered")
        } catch {
            #expect(error.status == 429 && !error.isPermanent)
            #expect(error.retryAfter == .seconds(7))
        }
        do {
            _ = try post(poster, base + "/down")
            Issue.record("503 taken as delivered")
        } catch {
            #expect(error.status == 503 && !error.isPermanent)
            let wait = try #require(error.retryAfter)
            #expect(wait > .seconds(100) && wait <= .seconds(121), "\(wait)")
        }
        do {
            _ = try poster.post(json: body, to: base + "/ok", idempotencyKey: "k", secret: Array("wrong secret".utf8))
            Issue.record("a bad signature was accepted")
        } catch {
            #expect(error.status == 401 && error.isPermanent)
        }
        #expect(server.logLines("requests.log").map { $0.split(separator: " ").last ?? "" } == ["ok", "ok", "ok", "bad"])
    }

    @Test func aSlowEndpointTimesOutAsRetryWithUnknownOutcome() throws {
        let server = try server()
        defer { server.stop() }
        let poster = try trusting(timeout: .milliseconds(1200))
        do {
            _ = try post(poster, "https://127.0.0.1:\(server.port)/slow")
            Issue.record("an answer came within the timeout")
        } catch {
            #expect(error.status == nil && !error.isPermanent)
            #expect(error.outcomeUnknown, "\(error)")
            #expect(error.message.contains("timed out"))
        }
    }

    @Test func refusesAnUntrustedCertificate() throws {
        let server = try server()
        defer { server.stop() }
        let poster = HTTPSPoster(timeout: .seconds(10))
        do {
            _ = try post(poster, "https://127.0.0.1:\(server.port)/ok")
            Issue.record("posted to an untrusted endpoint")
        } catch {
            #expect(error.message.contains("certificate verify failed: self-signed certificate"), "\(error)")
            #expect(!error.isPermanent && !error.outcomeUnknown)
        }
        #expect(server.logLines("requests.log").isEmpty)
    }

    @Test func plainHTTPOnlyOnLoopbackAndOnlyWhenAllowed() throws {
        let server = try server(tls: false)
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/ok"
        do {
            _ = try post(HTTPSPoster(), url)
            Issue.record("plain http accepted by default")
        } catch {
            #expect(error.isPermanent && error.message.contains("only https"))
        }
        #expect(server.logLines("requests.log").isEmpty)
        let loopback = HTTPSPoster(timeout: .seconds(10), allowsPlainHTTPOnLoopback: true)
        #expect(try post(loopback, url).status == 200)
        do {
            _ = try post(loopback, "http://hooks.example.com/ok")
            Issue.record("plain http to a remote host accepted")
        } catch {
            #expect(error.isPermanent)
        }
    }

    @Test func anEndpointThatIsDownIsRetried() throws {
        let port = try SMTPClientTests.closedPort()
        let poster = try trusting()
        do {
            _ = try post(poster, "https://127.0.0.1:\(port)/ok")
            Issue.record("posted to a closed port")
        } catch {
            #expect(error.status == nil && !error.isPermanent && !error.outcomeUnknown)
            #expect(error.message.contains("cannot connect to https://127.0.0.1:\(port)"), "\(error)")
        }
    }
}
