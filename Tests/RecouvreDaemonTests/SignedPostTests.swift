import Foundation
import Postgres
import RecouvreCore
import Testing
@testable import RecouvreDaemon

/// SMS and webhook steps post signed JSON to the tenant's endpoint over HTTPS: a real loopback
/// server (Tests/RecouvreChannelsTests/Servers/webhook_server.py) checks each signature.
@Suite(.serialized) struct SignedPostTests {
    /// The loopback HTTPS server, with a certificate made for it.
    final class Endpoint {
        let directory: URL
        let port: Int
        let certificate: String
        private let process = Process()

        init(secret: String) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("recouvre-hook-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            certificate = directory.appendingPathComponent("cert.pem").path
            let key = directory.appendingPathComponent("key.pem").path
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            openssl.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                 "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=localhost",
                                 "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"]
            openssl.standardError = FileHandle.nullDevice
            openssl.standardOutput = FileHandle.nullDevice
            try openssl.run()
            openssl.waitUntilExit()
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("RecouvreChannelsTests/Servers/webhook_server.py").path
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = [script, "--dir", directory.path, "--secret", secret, "--cert", certificate, "--key", key]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let portFile = directory.appendingPathComponent("port")
            let deadline = ContinuousClock.now.advanced(by: .seconds(10))
            var found: Int?
            while found == nil, ContinuousClock.now < deadline, process.isRunning {
                found = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0) }
                if found == nil { usleep(20_000) }  // the server writes its port once; bounded by the deadline
            }
            port = try #require(found, "the webhook server did not start")
        }

        deinit {
            if process.isRunning { process.terminate(); process.waitUntilExit() }
            try? FileManager.default.removeItem(at: directory)
        }

        /// "<path> <idempotency key> <ok|bad>" per request received.
        var requests: [String] {
            ((try? String(contentsOf: directory.appendingPathComponent("requests.log"), encoding: .utf8)) ?? "")
                .split(separator: "\n").map(String.init)
        }
    }

    let secret = "whsec_" + String(repeating: "7f", count: 20)

    private func smsTenant(path: String) throws -> (RunnerFixture, Endpoint) {
        let endpoint = try Endpoint(secret: secret)
        let fixture = try RunnerFixture()
        fixture.configuration.caFile = endpoint.certificate
        try fixture.sql.query("""
            INSERT INTO recouvre.tenant_channels (tenant, sms_url, sms_secret, sms_sender) VALUES ('runner', $1, $2, 'DURAND')
            """, ["https://127.0.0.1:\(endpoint.port)\(path)", secret])
        try fixture.sql.execute("BEGIN")
        try fixture.sql.query("INSERT INTO tenant_runner.policies (name, description) VALUES ('sms', 'an SMS, then an e-mail')")
        try fixture.sql.query("""
            INSERT INTO tenant_runner.policy_steps (policy, position, offset_days, stage, channel, template)
            VALUES ('sms', 1, 1, 'reminder', 'sms', 'reminder1'), ('sms', 2, 8, 'reminder', 'email', 'reminder2')
            """)
        try fixture.sql.execute("COMMIT")
        try fixture.sql.query("UPDATE tenant_runner.debtors SET policy = 'sms', phone = '+33 6 12 34 56 78' WHERE id = $1",
                              [fixture.debtorID])
        try fixture.addInvoice("FA-1")
        return (fixture, endpoint)
    }

    @Test func anSMSStepPostsASignedRequestAndJournalsTheAnswer() throws {
        let (fixture, endpoint) = try smsTenant(path: "/ok")
        try fixture.run(until: fixture.now)
        let step = try #require(try fixture.actions().first)
        #expect(step.state == "succeeded", "\(step.lastError ?? "")")
        let requests = endpoint.requests
        #expect(requests.count == 1)
        #expect(requests.first == "/ok runner-action-\(step.id) ok", "signed, with the action's idempotency key: \(requests)")
        let accepted = try #require(try fixture.events("message_accepted").first)
        #expect(accepted.text.contains("\"status\": \"200\""), "\(accepted.text)")
        #expect(accepted.text.contains("Atelier Durand : 1 facture impayée"), "the SMS text, echoed: \(accepted.text)")
        #expect(accepted.text.contains("gsm7"), "plain GSM-7, one segment: \(accepted.text)")
        _ = endpoint
    }

    @Test func aBusyGatewayIsRetriedNoSoonerThanItsRetryAfter() throws {
        let (fixture, endpoint) = try smsTenant(path: "/busy")
        try fixture.run(until: fixture.now)
        let step = try #require(try fixture.actions().first)
        #expect(step.state == "scheduled" && step.attempts == 1)
        #expect(step.lastError?.contains("429") == true, "\(step.lastError ?? "")")
        #expect(step.dueAt >= fixture.now.addingTimeInterval(7), "Retry-After: 7 is honoured")
        #expect(endpoint.requests.count == 1)
    }

    @Test func aRefusedRequestIsAPermanentFailure() throws {
        let (fixture, endpoint) = try smsTenant(path: "/bad")
        try fixture.run(until: fixture.now)
        let all = try fixture.rows("SELECT id, kind, step, state, last_error, channel FROM tenant_runner.actions ORDER BY id")
        #expect(endpoint.requests.count == 1, "\(all)")
        let step = try #require(try fixture.actions().first)
        #expect(step.state == "failed", "\(step.lastError ?? "")")
        #expect(step.lastError?.contains("400") == true, "\(step.lastError ?? "")")
    }

    @Test func aGatewayInMaintenanceIsRetriedAfterItsHTTPDate() throws {
        let (fixture, endpoint) = try smsTenant(path: "/down")
        try fixture.run(until: fixture.now)
        let step = try #require(try fixture.actions().first)
        #expect(step.state == "scheduled" && step.attempts == 1)
        #expect(step.lastError?.contains("503") == true, "\(step.lastError ?? "")")
        // Retry-After is an HTTP-date two minutes ahead (to the second): honoured, not the 30 s base.
        #expect(step.dueAt >= Date().addingTimeInterval(100), "\(step.dueAt)")
        #expect(endpoint.requests.count == 1)
    }

    @Test func aGatewayThatDoesNotAnswerInTimeIsRetriedThenDead() throws {
        let (fixture, endpoint) = try smsTenant(path: "/slow")
        fixture.configuration.deliveryTimeout = .seconds(1)
        fixture.configuration.channelMaxAttempts["sms"] = 2
        try fixture.run(until: fixture.now)
        var step = try #require(try fixture.actions().first)
        #expect(step.state == "scheduled" && step.attempts == 1)
        #expect(step.lastError?.lowercased().contains("timed out") == true, "\(step.lastError ?? "")")
        try fixture.makeEverythingDue()
        try fixture.runDue()
        step = try #require(try fixture.actions().first)
        #expect(step.state == "dead", "\(step.lastError ?? "")")
        #expect(step.attempts == 2)
        #expect(endpoint.requests.count == 2)
        #expect(try fixture.events("step_executed").isEmpty)
    }

    @Test func aCertificateTheDaemonDoesNotTrustIsNeverSentTo() throws {
        let (fixture, endpoint) = try smsTenant(path: "/ok")
        fixture.configuration.caFile = nil  // the system's store, which does not know the test's certificate
        try fixture.run(until: fixture.now)
        let step = try #require(try fixture.actions().first)
        #expect(step.state == "scheduled" && step.attempts == 1, "retried: the certificate may be fixed meanwhile")
        #expect(step.lastError?.contains("certificate") == true, "\(step.lastError ?? "")")
        #expect(endpoint.requests.isEmpty, "nothing reached the server")
    }
}
