import Foundation
import Postgres
import RecouvreTestSupport
import Testing

/// Starts the built `recouvred`, drives it with the built `recouvrectl`, writes receivables by
/// SQL as an integration would, and watches what reaches the SMTP server.
@Suite(.serialized)
struct ReminderEndToEndTests {
    @Test func overdueInvoiceBecomesOneReminderAndAPaymentCancelsTheNext() async throws {
        let daemon = try DaemonProcess(settings: """
            [scheduler]
            poll_interval_ms = 200
            """)
        let conninfo = daemon.conninfo
        let socketPath = daemon.socketPath
        let notify = daemon.notify
        let mailbox = try CapturedMailbox.fromEnvironment()

        #expect(try await notify.waitFor("READY=1"), "recouvred did not report READY=1; log: \(daemon.logText)")
        #expect(try await notify.waitFor("WATCHDOG=1"), "no watchdog ping although WATCHDOG_USEC is set")

        let ctl = BuiltProducts.executable("recouvrectl")
        let created = try runCommand(ctl, ["--socket", socketPath, "tenant", "create", "e2e", "--name", "Fournitures Dupuis SAS",
                                           "--email-from", "relances@dupuis.example"])
        #expect(created.status == 0, "tenant create failed: \(created.stderr)")
        let status = try runCommand(ctl, ["--socket", socketPath, "--json", "status"])
        #expect(status.status == 0)
        let statusJSON = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let daemonStatus = try #require(statusJSON["status"] as? [String: Any], "status --json: \(status.stdout)")
        #expect(daemonStatus["ready"] as? Bool == true)
        #expect(daemonStatus["tenantsActive"] as? Int == 1)
        let migrate = try runCommand(ctl, ["--socket", socketPath, "--json", "migrate"])
        #expect(migrate.status == 0, "migrate failed: \(migrate.stderr)")
        #expect(migrate.stdout.contains("\"tenantsMigrated\" : 0"), "nothing to migrate: \(migrate.stdout)")
        let tls = try runCommand(ctl, ["--socket", socketPath, "tenant", "set", "e2e", "--smtp-url", "smtp://relay.example?starttls=sometimes"])
        #expect(tls.status == 1)
        #expect(tls.stderr.contains("starttls"), "stderr: \(tls.stderr)")
        let refused = try runCommand(ctl, ["--socket", socketPath, "tenant", "create", "Bad-Slug", "--name", "X"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("Bad-Slug"))

        // An integration writes a debtor and an overdue invoice with plain INSERTs.
        let recipient = "compta-\(UUID().uuidString.prefix(8).lowercased())@martin.example"
        let sql = try PostgresConnection(conninfo: conninfo)
        defer { sql.close() }
        try sql.query("""
            INSERT INTO tenant_e2e.debtors (external_ref, name, email, locale)
            VALUES ('CLI-1', 'Boulangerie Martin', $1, 'fr')
            """, [recipient])
        try sql.query("""
            INSERT INTO tenant_e2e.invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT id, 'FA-2026-0412', current_date - 40, current_date - 10, 1250.40
            FROM tenant_e2e.debtors WHERE external_ref = 'CLI-1'
            """)

        let messages = try await mailbox.waitForMessages(to: recipient, count: 1, timeout: .seconds(30))
        let message = try #require(messages.first, "no reminder reached the SMTP server; log: \(daemon.logText)")
        #expect(message.header("To")?.contains(recipient) == true)
        let subject = try #require(message.decodedHeader("Subject"))
        #expect(subject.contains("FA-2026-0412") && subject.contains("Fournitures Dupuis SAS"), "subject: \(subject)")
        #expect(message.body.contains("FA-2026-0412"))
        #expect(message.body.contains("250,40"), "amount missing from: \(message.body)")
        let messageID = try #require(message.header("Message-ID"))
        #expect(messageID.contains("e2e"))

        let sent = try sql.query("SELECT count(*) AS n FROM tenant_e2e.events WHERE kind = 'step_executed'")
        #expect(try sent.first?.decode(Int.self, "n") == 1)

        // Later passes send nothing more: make the daemon look several times.
        for _ in 0..<3 {
            let runNow = try runCommand(ctl, ["--socket", socketPath, "run-now", "--tenant", "e2e"])
            #expect(runNow.status == 0, "run-now failed: \(runNow.stderr)")
            try await Task.sleep(for: .milliseconds(300))
        }
        #expect(mailbox.messages(to: recipient).count == 1, "a second copy of the reminder was sent")

        // The second reminder (step 3 of the business policy) is scheduled; a payment recorded by
        // SQL cancels it and closes the case.
        let pending = try sql.query("""
            SELECT count(*) AS n FROM tenant_e2e.actions WHERE kind = 'step' AND step = 3 AND state = 'scheduled'
            """)
        #expect(try pending.first?.decode(Int.self, "n") == 1)
        try sql.query("""
            INSERT INTO tenant_e2e.payments (debtor_id, invoice_id, amount, reference)
            SELECT debtor_id, id, amount, 'VIR-1' FROM tenant_e2e.invoices WHERE number = 'FA-2026-0412'
            """)
        let cancelled = try await waitUntil {
            try sql.query("""
                SELECT count(*) AS n FROM tenant_e2e.actions
                WHERE kind = 'step' AND step = 3 AND state = 'cancelled' AND last_error = 'paid'
                """).first?.decode(Int.self, "n") == 1
        }
        #expect(cancelled, "the pending reminder was not cancelled by the payment")

        let listed = try runCommand(ctl, ["--socket", socketPath, "--json", "actions", "list", "--tenant", "e2e", "--state", "cancelled"])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("\"state\" : \"cancelled\"") || listed.stdout.contains("\"state\": \"cancelled\""))

        // SIGTERM: a clean stop, announced to systemd.
        daemon.process.terminate()
        let stopped = try await waitUntil { !daemon.process.isRunning }
        #expect(stopped)
        #expect(daemon.process.terminationStatus == 0, "log: \(daemon.logText)")
        #expect(try await notify.waitFor("STOPPING=1", timeout: .seconds(2)))
        #expect(!FileManager.default.fileExists(atPath: socketPath), "the control socket was left behind")
    }
}
