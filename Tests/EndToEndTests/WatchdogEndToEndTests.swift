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
            email_max_attempts = 1
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
        // The send hangs for up to ten seconds, then times out: the action is given up (one
        // attempt) and the scheduler goes on.
        #expect(try await waitUntil(timeout: .seconds(90)) { try stepState() == "dead" }, "log: \(daemon.logText)")
        let atTimeout = notify.arrivals(of: "WATCHDOG=1").count
        #expect(try await waitUntil { notify.arrivals(of: "WATCHDOG=1").count >= atTimeout + 2 }, "pings resume")

        // Pings come every 200 ms while the scheduler moves, and stop at most 400 ms after its
        // last progress: the hang shows as one long silence between pings, with pings before
        // and after it. Arrival times are taken by the listener's own thread.
        let pings = notify.arrivals(of: "WATCHDOG=1")
        let gaps = zip(pings, pings.dropFirst()).map { $1 - $0 }
        let longest = try #require(gaps.max())
        #expect(longest >= .seconds(5), "the watchdog kept being fed while a worker was stuck: longest silence \(longest)")
        #expect(try #require(gaps.firstIndex(of: longest)) > 0, "pings before the hang")
        // The relay's socket must stay open to the end: closed, it would answer with a reset.
        withExtendedLifetime(relay) {}
    }
}
