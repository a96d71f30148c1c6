import Foundation
import Postgres
import RecouvreTestSupport
import Testing

/// Reload by SIGHUP and by command, drain and undrain with two daemons on one database, and
/// what the log holds at info level.
@Suite(.serialized)
struct ReloadDrainEndToEndTests {
    /// `recouvrectl --json status`'s `status` object.
    func status(_ daemon: DaemonProcess) throws -> [String: Any] {
        let result = try daemon.ctl("--json", "status")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return object?["status"] as? [String: Any] ?? [:]
    }

    var configFile: (DaemonProcess) -> URL { { $0.directory.appendingPathComponent("recouvred.conf") } }

    func rewrite(_ daemon: DaemonProcess, _ old: String, _ new: String) throws {
        let file = configFile(daemon)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func sighupAndReloadApplyTheFileAndABrokenFileIsRefused() async throws {
        let daemon = try DaemonProcess(settings: """
            [log]
            level = "info"
            [scheduler]
            poll_interval_ms = 100
            workers = 2
            """)
        #expect(try await daemon.notify.waitFor("READY=1"), "log: \(daemon.logText)")
        var now = try status(daemon)
        #expect(now["logLevel"] as? String == "info")
        #expect(now["logFormat"] as? String == "logfmt")
        #expect(now["lastReload"] is NSNull)

        // SIGHUP: systemd is told RELOADING=1 (with MONOTONIC_USEC), then READY=1 again.
        try rewrite(daemon, "level = \"info\"", "level = \"debug\"")
        kill(daemon.process.processIdentifier, SIGHUP)
        #expect(try await waitUntil { try status(daemon)["logLevel"] as? String == "debug" }, "log: \(daemon.logText)")
        #expect(try await daemon.notify.waitFor("RELOADING=1"))
        let messages = daemon.notify.messages
        let reloading = try #require(messages.firstIndex { $0.hasPrefix("RELOADING=1\nMONOTONIC_USEC=") }, "\(messages)")
        #expect(try await waitUntil { daemon.notify.messages[(reloading + 1)...].contains { $0.hasPrefix("READY=1") } })
        #expect(daemon.process.isRunning)
        now = try status(daemon)
        let firstReload = try #require(now["lastReload"] as? [String: Any])
        #expect(firstReload["ok"] as? Bool == true)

        // A broken file: refused, with the file and line; the running configuration stays.
        try rewrite(daemon, "level = \"debug\"", "level = \"loud\"")
        let refused = try daemon.ctl("reload")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("recouvred.conf:") && refused.stderr.contains("log.level"), "\(refused.stderr)")
        #expect(refused.stderr.contains("running one is kept"), "\(refused.stderr)")
        now = try status(daemon)
        #expect(now["logLevel"] as? String == "debug")
        let failed = try #require(now["lastReload"] as? [String: Any])
        #expect(failed["ok"] as? Bool == false)
        #expect((failed["error"] as? String)?.contains("log.level") == true)
        let human = try daemon.ctl("status")
        #expect(human.stdout.contains("refused"), "\(human.stdout)")

        // Fixed, with a setting that needs a restart: the rest applies.
        try rewrite(daemon, "level = \"loud\"", "level = \"warning\"")
        try rewrite(daemon, "workers = 2", "workers = 3")
        let reloaded = try daemon.ctl("reload")
        #expect(reloaded.status == 0, "\(reloaded.stderr)")
        #expect(reloaded.stdout.contains("log.level"), "\(reloaded.stdout)")
        #expect(reloaded.stdout.contains("needs a restart") && reloaded.stdout.contains("scheduler.workers"), "\(reloaded.stdout)")
        now = try status(daemon)
        #expect(now["logLevel"] as? String == "warning")
        #expect(now["workers"] as? Int == 2)
        let last = try #require(now["lastReload"] as? [String: Any])
        #expect(last["ok"] as? Bool == true)
        #expect(last["needsRestart"] as? [String] == ["scheduler.workers"])
        #expect(daemon.logText.contains("need a restart"), "the restart-only change is logged: \(daemon.logText)")

        // The level by command, until the next reload.
        #expect(try daemon.ctl("log-level", "info").status == 0)
        #expect(try status(daemon)["logLevel"] as? String == "info")
        let wrong = try daemon.ctl("log-level", "loud")
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("trace, debug, info"), "\(wrong.stderr)")
    }

    /// Inserts `count` debtors each owing an overdue invoice; returns their addresses.
    func overdueDebtors(_ sql: PostgresConnection, tenant: String, prefix: String, count: Int) throws -> [String] {
        let run = UUID().uuidString.prefix(8).lowercased()
        try sql.query("""
            INSERT INTO tenant_\(tenant).debtors (external_ref, name, email)
            SELECT $1 || n, 'Débiteur ' || n, $1 || n || '-' || $2 || '@exemple.fr' FROM generate_series(1, \(count)) AS n
            """, [prefix, String(run)])
        try sql.query("""
            INSERT INTO tenant_\(tenant).invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT id, 'FA-' || external_ref, current_date - 60, current_date - 30, 100 FROM tenant_\(tenant).debtors
            WHERE external_ref LIKE $1 || '%'
            """, [prefix])
        return (1...count).map { "\(prefix)\($0)-\(run)@exemple.fr".lowercased() }
    }

    @Test func aDrainedDaemonLeavesTheWorkToTheOtherAndResumesOnUndrain() async throws {
        let settings = "[scheduler]\npoll_interval_ms = 100\nworkers = 2\n"
        let first = try DaemonProcess(settings: settings)
        #expect(try await first.notify.waitFor("READY=1"), "log: \(first.logText)")
        #expect(try first.ctl("tenant", "create", "drains", "--name", "Atelier", "--email-from", "relances@atelier.example").status == 0)
        let second = try DaemonProcess(settings: settings, sharing: first)
        #expect(try await second.notify.waitFor("READY=1"), "log: \(second.logText)")

        let drained = try first.ctl("drain", "--wait", "--timeout", "30")
        #expect(drained.status == 0, "\(drained.stderr)")
        #expect(drained.stdout.contains("drained"), "\(drained.stdout)")
        var now = try status(first)
        #expect(now["draining"] as? Bool == true)
        #expect(now["drained"] as? Bool == true)
        #expect(now["inFlight"] as? Int == 0)
        #expect(try status(second)["draining"] as? Bool == false)

        let sql = try PostgresConnection(conninfo: first.conninfo)
        defer { sql.close() }
        let mailbox = try CapturedMailbox.fromEnvironment()
        let early = try overdueDebtors(sql, tenant: "drains", prefix: "A", count: 4)
        for _ in 0..<3 { _ = try first.ctl("run-now", "--tenant", "drains") }
        let delivered = try await waitUntil(timeout: .seconds(40)) { early.allSatisfy { !mailbox.messages(to: $0).isEmpty } }
        #expect(delivered, "second: \(second.logText)")
        #expect(!first.logText.contains("message sent"), "the drained daemon sent: \(first.logText)")
        #expect(second.logText.contains("message sent"))
        now = try status(first)
        #expect(now["draining"] as? Bool == true)

        // Undrain the first, drain the second: the first takes the new work.
        let undrained = try first.ctl("undrain")
        #expect(undrained.status == 0, "\(undrained.stderr)")
        #expect(try status(first)["draining"] as? Bool == false)
        #expect(try second.ctl("drain", "--wait").status == 0)
        let late = try overdueDebtors(sql, tenant: "drains", prefix: "B", count: 3)
        let resumed = try await waitUntil(timeout: .seconds(40)) { late.allSatisfy { !mailbox.messages(to: $0).isEmpty } }
        #expect(resumed, "first: \(first.logText)")
        #expect(first.logText.contains("message sent"))
        for address in early + late { #expect(mailbox.messages(to: address).count == 1, "\(address) got one reminder") }
        withExtendedLifetime(first) {}
    }

    @Test func theInfoLogNamesNoDebtorAddressNorAmount() async throws {
        let daemon = try DaemonProcess(settings: """
            [log]
            level = "info"
            format = "json"
            [scheduler]
            poll_interval_ms = 100
            """)
        #expect(try await daemon.notify.waitFor("READY=1"), "log: \(daemon.logText)")
        #expect(try daemon.ctl("tenant", "create", "privacy", "--name", "Fournitures Dupuis SAS",
                                "--email-from", "relances@dupuis.example").status == 0)
        let recipient = "jeanne.martin-\(UUID().uuidString.prefix(8).lowercased())@boulangerie-martin.example"
        let sql = try PostgresConnection(conninfo: daemon.conninfo)
        defer { sql.close() }
        try sql.query("""
            INSERT INTO tenant_privacy.debtors (external_ref, name, email, locale, address_line1, postal_code, city)
            VALUES ('CLI-9', 'Boulangerie Martin', $1, 'fr', '12 rue des Lilas', '69002', 'Lyon')
            """, [recipient])
        try sql.query("""
            INSERT INTO tenant_privacy.invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT id, 'FA-2026-0977', current_date - 40, current_date - 10, 4321.87 FROM tenant_privacy.debtors
            """)
        let mailbox = try CapturedMailbox.fromEnvironment()
        let messages = try await mailbox.waitForMessages(to: recipient, count: 1, timeout: .seconds(30))
        #expect(messages.count == 1, "log: \(daemon.logText)")
        #expect(try await waitUntil { daemon.logText.contains("message sent") })
        let log = daemon.logText
        for secret in ["Boulangerie", "Martin", recipient, "boulangerie-martin", "4321", "4 321", "4\u{202F}321", "321,87", "321.87",
                       "rue des Lilas"] {
            #expect(!log.contains(secret), "the log names \(secret): \(log)")
        }
        // One JSON object per line, with the ids as fields.
        let lines = log.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["level"] != nil && object?["msg"] != nil, "not a record: \(line)")
        }
        let sent = try #require(lines.first { $0.contains("message sent") })
        let record = try #require(try JSONSerialization.jsonObject(with: Data(sent.utf8)) as? [String: Any])
        #expect(record["tenant"] as? String == "privacy")
        #expect(record["action"] != nil)
    }
}
