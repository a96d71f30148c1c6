import ControlProtocol
import Foundation
import Postgres
import RecouvreTestSupport
import Testing

/// `recouvrectl tenant set`, `rename-display`, `export` and `drop` against the built daemon.
@Suite(.serialized)
struct TenantLifecycleEndToEndTests {
    /// The name the daemon records for this process's user (its peer credentials).
    static var userName: String {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "uid:\(getuid())" }
        return String(cString: name)
    }

    static func count(_ sql: PostgresConnection, _ query: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> Int {
        try sql.query(query, parameters).first?.decode(Int.self, "n") ?? -1
    }

    @Test func settingsAreSetClearedRenamedAndJournaledWithTheirAuthor() async throws {
        let daemon = try DaemonProcess(settings: "")
        #expect(try await daemon.notify.waitFor("READY=1"), "log: \(daemon.logText)")
        #expect(try daemon.ctl("tenant", "create", "life", "--name", "Atelier Durand", "--email-from", "relances@durand.example",
                               "--smtp-url", "smtp://relay.durand.example:25").status == 0)

        let renamed = try daemon.ctl("tenant", "rename-display", "life", "Atelier Lefèvre & Fils")
        #expect(renamed.status == 0, "\(renamed.stderr)")
        #expect(renamed.stdout.contains("tenant 'life' updated: displayName"), "\(renamed.stdout)")
        #expect(renamed.stdout.contains("name            Atelier Lefèvre & Fils"), "\(renamed.stdout)")
        // The same method behind `tenant set --name`; a value already set changes nothing.
        let same = try daemon.ctl("tenant", "set", "life", "--name", "Atelier Lefèvre & Fils")
        #expect(same.stdout.contains("unchanged"), "\(same.stdout)")

        let set = try daemon.ctl("tenant", "set", "life", "--clear", "smtp-url", "--clear", "email-from", "--timezone", "America/Montreal",
                                 "--locale", "en")
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("updated: timezone, locale, emailFrom, smtpURL"), "\(set.stdout)")
        let sql = try PostgresConnection(conninfo: daemon.conninfo)
        defer { sql.close() }
        var row = try #require(try sql.query(
            "SELECT display_name, timezone, locale, email_from, smtp_url FROM recouvre.tenants WHERE slug = 'life'").first)
        #expect(try row.decode(String.self, "display_name") == "Atelier Lefèvre & Fils")
        #expect(try row.decode(String.self, "timezone") == "America/Montreal")
        #expect(try row.decode(String.self, "locale") == "en")
        #expect(try row.decodeIfPresent(String.self, "email_from") == nil)
        #expect(try row.decodeIfPresent(String.self, "smtp_url") == nil)

        let reset = try daemon.ctl("tenant", "set", "life", "--clear", "timezone", "--clear", "locale")
        #expect(reset.status == 0, "\(reset.stderr)")
        row = try #require(try sql.query("SELECT timezone, locale FROM recouvre.tenants WHERE slug = 'life'").first)
        #expect(try row.decode(String.self, "timezone") == "Europe/Paris")
        #expect(try row.decode(String.self, "locale") == "fr")

        // Refusals say what to write instead.
        let clearName = try daemon.ctl("tenant", "set", "life", "--clear", "name")
        #expect(clearName.status == 2 && clearName.stderr.contains("a tenant always has a name"), "\(clearName.stderr)")
        let unknown = try daemon.ctl("tenant", "set", "life", "--clear", "colour")
        #expect(unknown.status == 2 && unknown.stderr.contains("clear one of email-from, locale, smtp-url, timezone"), "\(unknown.stderr)")
        let both = try daemon.ctl("tenant", "set", "life", "--clear", "locale", "--locale", "en")
        #expect(both.status == 2 && both.stderr.contains("set it or clear it"), "\(both.stderr)")
        let zone = try daemon.ctl("tenant", "set", "life", "--timezone", "Mars/Olympus_Mons")
        #expect(zone.status == 1 && zone.stderr.contains("unknown time zone 'Mars/Olympus_Mons'"), "\(zone.stderr)")
        let sender = try daemon.ctl("tenant", "set", "life", "--email-from", "relances")
        #expect(sender.status == 1 && sender.stderr.contains("not an e-mail address"), "\(sender.stderr)")
        let relay = try daemon.ctl("tenant", "set", "life", "--smtp-url", "http://relay.example")
        #expect(relay.status == 1 && relay.stderr.contains("smtpURL"), "\(relay.stderr)")
        let blank = try daemon.ctl("tenant", "rename-display", "life", "  ")
        #expect(blank.status == 2, "\(blank.stderr)")

        let journal = try sql.query("""
            SELECT kind, actor, detail::text AS detail FROM recouvre.operator_events
            WHERE tenant = 'life' AND kind IN ('tenant_renamed', 'tenant_updated') ORDER BY id
            """).rows
        #expect(journal.count == 3)
        #expect(try journal.allSatisfy { try $0.decode(String.self, "actor") == Self.userName })
        #expect(try journal.first?.decode(String.self, "kind") == "tenant_renamed")
        #expect(try journal.first?.decode(String.self, "detail")
            == #"{"display_name": {"to": "Atelier Lefèvre & Fils", "from": "Atelier Durand"}}"#)
        #expect(try journal[1].decode(String.self, "detail").contains(#""smtp_url": {"to": null, "from": "smtp://relay.durand.example:25"}"#))
    }

    @Test func anExportRestoresIntoAnotherDatabaseWithTheSameRows() async throws {
        let daemon = try DaemonProcess(settings: "")
        #expect(try await daemon.notify.waitFor("READY=1"), "log: \(daemon.logText)")
        #expect(try daemon.ctl("tenant", "create", "exp", "--name", "Société Générale d'Exemple").status == 0)
        // Paused, so that nothing runs and the counts hold still between the export and the check.
        #expect(try daemon.ctl("tenant", "pause", "exp").status == 0)
        let secret = daemon.directory.appendingPathComponent("webhook.secret")
        let secretText = "never-exported-" + String(repeating: "cd", count: 20)
        try secretText.write(to: secret, atomically: true, encoding: .utf8)
        #expect(try daemon.ctl("tenant", "channels", "exp", "--siren", "732829320", "--webhook-url", "https://print.example/l",
                               "--webhook-secret-file", secret.path).status == 0)
        let sql = try PostgresConnection(conninfo: daemon.conninfo)
        defer { sql.close() }
        try sql.query("""
            INSERT INTO tenant_exp.debtors (external_ref, name, email)
            SELECT 'D' || n, 'Débiteur 東京 ' || n, 'd' || n || '@exemple.fr' FROM generate_series(1, 25) AS n
            """)
        try sql.query("""
            INSERT INTO tenant_exp.invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT id, 'FA-' || id, current_date - 40, current_date - 10, 100.10 FROM tenant_exp.debtors
            """)

        let file = daemon.directory.appendingPathComponent("exp.dump").path
        let export = try daemon.ctl("--json", "tenant", "export", "exp", "-o", file, "--database", daemon.conninfo)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains(#""schema" : "tenant_exp""#), "\(export.stdout)")
        let settings = try String(contentsOfFile: file + ".tenant.json", encoding: .utf8)
        #expect(settings.contains(#""displayName" : "Société Générale d'Exemple""#), "\(settings)")
        #expect(settings.contains(#""siren" : "732829320""#) && settings.contains(#""webhookSecretSet" : true"#))
        #expect(!settings.contains(secretText) && !export.stdout.contains(secretText))

        // Restored where recouvred made its operator schema: the tenant's constraints call its functions.
        let target = try DaemonProcess(settings: "")
        #expect(try await target.notify.waitFor("READY=1"), "log: \(target.logText)")
        let restore = try runCommand(URL(fileURLWithPath: try Self.onPath("pg_restore")),
                                     ["--no-owner", "--exit-on-error", "--dbname", target.conninfo, file])
        #expect(restore.status == 0, "\(restore.stderr)")
        let copy = try PostgresConnection(conninfo: target.conninfo)
        defer { copy.close() }
        let tables = try sql.query("""
            SELECT table_name AS name FROM information_schema.tables
            WHERE table_schema = 'tenant_exp' AND table_type = 'BASE TABLE' ORDER BY 1
            """).rows.map { try $0.decode(String.self, "name") }
        #expect(tables.count > 10)
        var total = 0
        for table in tables {
            let query = "SELECT count(*) AS n FROM tenant_exp.\(PostgresConnection.quoteIdentifier(table))"
            let original = try Self.count(sql, query), restored = try Self.count(copy, query)
            #expect(original == restored, "\(table): \(original) rows, \(restored) restored")
            total += original
        }
        #expect(try Self.count(copy, "SELECT count(*) AS n FROM tenant_exp.invoices") == 25)
        #expect(total >= 50)

        let plain = daemon.directory.appendingPathComponent("exp.sql").path
        let text = try daemon.ctl("tenant", "export", "exp", "--format", "plain", "-o", plain, "--database", daemon.conninfo)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("restore with: psql"), "\(text.stdout)")
        #expect(try String(contentsOfFile: plain, encoding: .utf8).contains("CREATE TABLE tenant_exp.invoices"))

        let missing = try daemon.ctl("tenant", "export", "exp", "-o", file, "--pg-dump", "/nonexistent/pg_dump")
        #expect(missing.status == 1 && missing.stderr.contains("cannot run /nonexistent/pg_dump"), "\(missing.stderr)")
        let unknown = try daemon.ctl("tenant", "export", "nobody", "-o", file)
        #expect(unknown.status == 1 && unknown.stderr.contains("tenant 'nobody' not found"), "\(unknown.stderr)")
    }

    @Test func aDropIsRefusedUntilConfirmedPausedAndIdleThenRemembered() async throws {
        let daemon = try DaemonProcess(settings: "")
        #expect(try await daemon.notify.waitFor("READY=1"), "log: \(daemon.logText)")
        #expect(try daemon.ctl("tenant", "create", "gone", "--name", "Atelier Durand").status == 0)
        let secret = daemon.directory.appendingPathComponent("sms.secret")
        let secretText = "sms-secret-" + String(repeating: "ef", count: 20)
        try secretText.write(to: secret, atomically: true, encoding: .utf8)
        #expect(try daemon.ctl("tenant", "channels", "gone", "--sms-url", "https://sms.example/send",
                               "--sms-secret-file", secret.path).status == 0)
        let sql = try PostgresConnection(conninfo: daemon.conninfo)
        defer { sql.close() }
        try sql.query("INSERT INTO tenant_gone.debtors (external_ref, name, email) VALUES ('D1', 'Débiteur', 'd1@exemple.fr')")
        try sql.query("""
            INSERT INTO tenant_gone.invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT id, 'FA-1', current_date + 20, current_date + 50, 100 FROM tenant_gone.debtors
            """)

        let unconfirmed = try daemon.ctl("tenant", "drop", "gone")
        #expect(unconfirmed.status == 2 && unconfirmed.stderr.contains("--confirm"), "\(unconfirmed.stderr)")
        let mistyped = try daemon.ctl("tenant", "drop", "gone", "--confirm", "gon")
        #expect(mistyped.status == 2 && mistyped.stderr.contains("does not repeat the slug 'gone'"), "\(mistyped.stderr)")
        // The daemon checks too, for clients other than recouvrectl.
        let client = try ControlClient(path: daemon.socketPath)
        #expect(throws: ControlError.self) { try client.dropTenant(DropTenantParameters(slug: "gone", confirm: "acme")) }
        let active = try daemon.ctl("tenant", "drop", "gone", "--confirm", "gone")
        #expect(active.status == 1 && active.stderr.contains("tenant 'gone' is active: pause it first"), "\(active.stderr)")

        #expect(try daemon.ctl("tenant", "pause", "gone").status == 0)
        // An action a worker holds under a live lease is in flight.
        let reviewed = try await waitUntil { try Self.count(sql, "SELECT count(*) AS n FROM tenant_gone.actions") > 0 }
        #expect(reviewed)
        let id = try #require(try sql.query("SELECT min(id) AS id FROM tenant_gone.actions").first?.decode(Int.self, "id"))
        try sql.query("""
            UPDATE tenant_gone.actions SET state = 'running', lease_owner = 'elsewhere', lease_expires_at = now() + interval '10 minutes'
            WHERE id = $1
            """, [id])
        let running = try daemon.ctl("tenant", "drop", "gone", "--confirm", "gone")
        #expect(running.status == 1, "\(running.stdout)")
        #expect(running.stderr.contains("tenant 'gone' has 1 action running (\(id))"), "\(running.stderr)")
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM pg_namespace WHERE nspname = 'tenant_gone'") == 1)

        // Its daemon died: the lease expired, nothing is in flight any more.
        try sql.query("UPDATE tenant_gone.actions SET lease_expires_at = now() - interval '1 minute' WHERE id = $1", [id])
        let dropped = try daemon.ctl("tenant", "drop", "gone", "--confirm", "gone")
        #expect(dropped.status == 0, "\(dropped.stderr)")
        #expect(dropped.stdout.contains("tenant 'gone' (Atelier Durand) dropped by \(Self.userName)"), "\(dropped.stdout)")
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM pg_namespace WHERE nspname = 'tenant_gone'") == 0)
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM recouvre.tenants WHERE slug = 'gone'") == 0)
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM recouvre.tenant_channels WHERE tenant = 'gone'") == 0)
        let record = try #require(try sql.query(
            "SELECT dropped_by, settings::text AS settings FROM recouvre.dropped_tenants WHERE slug = 'gone'").first)
        #expect(try record.decode(String.self, "dropped_by") == Self.userName)
        let kept = try record.decode(String.self, "settings")
        #expect(kept.contains("https://sms.example/send") && !kept.contains(secretText), "\(kept)")
        let event = try #require(try sql.query(
            "SELECT actor FROM recouvre.operator_events WHERE tenant = 'gone' AND kind = 'tenant_dropped'").first)
        #expect(try event.decode(String.self, "actor") == Self.userName)
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM recouvre.operator_events WHERE tenant = 'gone'") >= 4,
                "the dropped tenant's journal stays")

        let again = try daemon.ctl("tenant", "drop", "gone", "--confirm", "gone")
        #expect(again.status == 1 && again.stderr.contains("tenant 'gone' not found"), "\(again.stderr)")
        let reuse = try daemon.ctl("tenant", "create", "gone", "--name", "Boulangerie Martin")
        #expect(reuse.status == 1, "\(reuse.stdout)")
        #expect(reuse.stderr.contains("the slug 'gone' belonged to 'Atelier Durand'") && reuse.stderr.contains("--reuse-dropped-slug"),
                "\(reuse.stderr)")
        let reused = try daemon.ctl("tenant", "create", "gone", "--name", "Boulangerie Martin", "--reuse-dropped-slug")
        #expect(reused.status == 0, "\(reused.stderr)")
        let created = try #require(try sql.query("""
            SELECT detail->>'reuses_slug_of' AS previous FROM recouvre.operator_events
            WHERE tenant = 'gone' AND kind = 'tenant_created' ORDER BY id DESC LIMIT 1
            """).first)
        #expect(try created.decode(String.self, "previous") == "Atelier Durand")
        // Reused once: a later drop and create go through the same question again.
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM recouvre.dropped_tenants WHERE slug = 'gone' AND reused_at IS NULL") == 0)
    }

    static func onPath(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return try #require(path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) })
    }
}
