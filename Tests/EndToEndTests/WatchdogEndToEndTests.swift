import Foundation
import Postgres
import RecouvreTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// systemd's watchdog is fed only while the scheduler makes progress: a worker stuck on a relay
/// that never answers stops the pings, and they come back once the send times out.
@Suite(.serialized)
struct WatchdogEndToEndTests {
    /// A TCP port on loopback whose connections the kernel completes but nobody ever answers:
    /// an SMTP relay that hangs before its greeting.
    final class SilentRelay {
        let fd: Int32
        let port: Int

        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.fd = fd
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            try #require(bound == 0 && listen(fd, 8) == 0)
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            self.port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(fd) }
    }

    @Test func aWorkerStuckOnARelayStopsTheWatchdogUntilTheSendTimesOut() async throws {
        let relay = try SilentRelay()
        let daemon = try DaemonProcess(settings: """
            [scheduler]
            poll_interval_ms = 200
            [delivery]
            timeout_seconds = 10
            """)
        let notify = daemon.notify
        #expect(try await notify.waitFor("READY=1"), "log: \(daemon.logText)")
        #expect(try await notify.waitFor("WATCHDOG=1"))
        // The tenant's own relay is the silent one.
        #expect(try daemon.ctl("tenant", "create", "stuck", "--name", "Fournitures Dupuis SAS",
                               "--smtp-url", "smtp://127.0.0.1:\(relay.port)").status == 0)
        let sql = try PostgresConnection(conninfo: daemon.conninfo)
        defer { sql.close() }
        try sql.query("INSERT INTO tenant_stuck.debtors (external_ref, name, email) VALUES ('CLI-1', 'Boulangerie Martin', 'a@b.example')")
        try sql.query("""
            INSERT INTO tenant_stuck.invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT id, 'FA-1', current_date - 40, current_date - 10, 100 FROM tenant_stuck.debtors
            """)
        func stepState() throws -> String? {
            try sql.query("SELECT state FROM tenant_stuck.actions WHERE kind = 'step' ORDER BY id LIMIT 1").first
                .map { try $0.decode(String.self, "state") }
        }
        // The worker holds the step while it waits for the relay's greeting.
        #expect(try await waitUntil(timeout: .seconds(60)) { try stepState() == "running" }, "log: \(daemon.logText)")
        let pings = { notify.messages.filter { $0.contains("WATCHDOG=1") }.count }

        // Pings go on for at most twice the interval (200 ms) after the last progress, then
        // stop: observed over 1.5 s of the 10 s the send may take.
        try await Task.sleep(for: .milliseconds(600))
        let whileStuck = pings()
        try await Task.sleep(for: .milliseconds(1500))
        #expect(pings() == whileStuck, "no WATCHDOG=1 while the worker is stuck")
        #expect(try stepState() == "running", "still stuck: the observation covered the hang")

        // The send times out: a failed attempt, and the scheduler moves on and feeds the watchdog.
        #expect(try await waitUntil(timeout: .seconds(60)) { try stepState() == "scheduled" }, "log: \(daemon.logText)")
        #expect(try await waitUntil { pings() > whileStuck }, "pings resume")
        // The relay's socket must stay open to the end: closed, it would answer with a reset.
        withExtendedLifetime(relay) {}
    }
}
