import Foundation
import Postgres
import RecouvreTestSupport
import Testing

@Suite(.serialized)
struct BacklogEndToEndTests {
    /// With batches of 2 and a poll interval of a minute, only the scheduler going straight on
    /// while it finds work (and the wake-up of the insert) can deliver a dozen reminders quickly.
    @Test func aBacklogLargerThanABatchDrainsWithoutWaitingForPolls() async throws {
        let daemon = try DaemonProcess(settings: """
            [scheduler]
            batch_size = 2
            poll_interval_ms = 60000
            """)
        #expect(try await daemon.notify.waitFor("READY=1"), "log: \(daemon.logText)")
        let created = try daemon.ctl("tenant", "create", "backlog", "--name", "Atelier Durand", "--email-from", "relances@durand.example")
        #expect(created.status == 0, "\(created.stderr)")

        let run = UUID().uuidString.prefix(8).lowercased()
        let sql = try PostgresConnection(conninfo: daemon.conninfo)
        defer { sql.close() }
        try sql.query("""
            INSERT INTO tenant_backlog.debtors (external_ref, name, email)
            SELECT 'D' || n, 'Débiteur ' || n, 'd' || n || '-' || $1 || '@exemple.fr' FROM generate_series(1, 12) AS n
            """, [String(run)])
        try sql.query("""
            INSERT INTO tenant_backlog.invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT id, 'FA-' || id, current_date - 40, current_date - 10, 100 FROM tenant_backlog.debtors
            """)
        let mailbox = try CapturedMailbox.fromEnvironment()
        let delivered = try await waitUntil(timeout: .seconds(30)) {
            (1...12).allSatisfy { !mailbox.messages(to: "d\($0)-\(run)@exemple.fr").isEmpty }
        }
        #expect(delivered, "log: \(daemon.logText)")
        let sent = try sql.query("SELECT count(*) AS n FROM tenant_backlog.events WHERE kind = 'step_executed'")
        #expect(try sent.first?.decode(Int.self, "n") == 12)
    }
}
