import Foundation
import Postgres
import RecouvreTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The metrics of a running daemon, from its loopback listener and from `recouvrectl metrics`,
/// after it sent a reminder.
@Suite(.serialized)
struct MetricsEndToEndTests {
    /// One HTTP/1.1 exchange with 127.0.0.1:`port`: the raw answer.
    private func httpGet(_ path: String, port: Int, method: String = "GET") throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0, "cannot connect to the metrics listener on port \(port)")
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("\(method) \(path) HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    /// The value of the sample `name` (with its labels, as written), or nil.
    private func sample(_ name: String, in text: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
            .flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    @Test func aReminderShowsInTheCountersAndBothWaysServeTheSameMetrics() async throws {
        let daemon = try DaemonProcess(settings: """
            [scheduler]
            poll_interval_ms = 200
            [metrics]
            listen = "127.0.0.1:0"
            """)
        #expect(try await daemon.notify.waitFor("READY=1"), "log: \(daemon.logText)")
        // Port 0 lets the kernel choose; the daemon logs the port it got.
        var port: Int?
        _ = try await waitUntil {
            port = daemon.logText.split(separator: "\n").first { $0.contains("metrics listener open") }
                .flatMap { line in line.firstRange(of: /port[=":\s]+(\d+)/).map { Int(line[$0].filter(\.isNumber)) ?? 0 } }
            return port != nil
        }
        let listening = try #require(port, "no metrics listener in the log: \(daemon.logText)")

        #expect(try daemon.ctl("tenant", "create", "metrics", "--name", "Fournitures Dupuis SAS").status == 0)
        let recipient = "compta-\(UUID().uuidString.prefix(8).lowercased())@martin.example"
        let sql = try PostgresConnection(conninfo: daemon.conninfo)
        defer { sql.close() }
        try sql.query("INSERT INTO tenant_metrics.debtors (external_ref, name, email) VALUES ('CLI-1', 'Boulangerie Martin', $1)",
                      [recipient])
        try sql.query("""
            INSERT INTO tenant_metrics.invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT id, 'FA-1', current_date - 40, current_date - 10, 1250.40 FROM tenant_metrics.debtors
            """)
        _ = try await CapturedMailbox.fromEnvironment().waitForMessages(to: recipient, count: 1, timeout: .seconds(30))
        // The step is counted once its transaction committed, a moment after the relay took it.
        var text = ""
        #expect(try await waitUntil {
            text = try httpGet("/metrics", port: listening)
            return (sample(#"recouvre_actions_succeeded_total{channel="email"}"#, in: text) ?? 0) >= 1
        }, "\(text)")

        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8"))
        #expect((sample(#"recouvre_actions_claimed_total{channel="email"}"#, in: text) ?? 0) >= 1)
        #expect((sample(#"recouvre_actions_claimed_total{channel="none"}"#, in: text) ?? 0) >= 1, "the reviews")
        #expect(sample(#"recouvre_actions_dead_total{channel="email"}"#, in: text) == 0)
        #expect((sample(#"recouvre_delivery_duration_seconds_count{channel="email"}"#, in: text) ?? 0) >= 1)
        #expect((sample("recouvre_pickup_lateness_seconds_count", in: text) ?? 0) >= 2)
        #expect(sample(#"recouvre_tenants{status="active"}"#, in: text) == 1)
        #expect(sample(#"recouvre_tenants{status="paused"}"#, in: text) == 0)
        #expect(sample("recouvre_database_reconnects_total", in: text) == 0)
        #expect(text.contains("# TYPE recouvre_pickup_lateness_seconds histogram"))
        // No label names a tenant or a debtor.
        #expect(!text.contains("metrics\"") && !text.contains("CLI-1"))

        let ctl = try daemon.ctl("metrics")
        #expect(ctl.status == 0)
        #expect(sample(#"recouvre_tenants{status="active"}"#, in: ctl.stdout) == 1)
        #expect((sample(#"recouvre_actions_succeeded_total{channel="email"}"#, in: ctl.stdout) ?? 0) >= 1)

        #expect(try httpGet("/", port: listening).hasPrefix("HTTP/1.1 404 Not Found"))
        #expect(try httpGet("/metrics", port: listening, method: "POST").hasPrefix("HTTP/1.1 405 Method Not Allowed"))
    }

    @Test func aListenerOffLoopbackIsRefusedAtStart() async throws {
        let daemon = try DaemonProcess(settings: """
            [metrics]
            listen = "0.0.0.0:9464"
            """)
        daemon.process.waitUntilExit()
        #expect(daemon.process.terminationStatus != 0)
        #expect(daemon.logText.contains("not a loopback address"), "\(daemon.logText)")
    }
}
