import Foundation
import Postgres
import RecouvreTestSupport
import Testing

/// Two daemons on one database, with every run asked again and again: each step goes once,
/// each formal notice is written once, and the claim it states is the same whoever wrote it.
@Suite(.serialized)
struct ConcurrentDaemonsEndToEndTests {
    @Test func twoDaemonsNeverRunAStepTwice() async throws {
        let settings = """
            [scheduler]
            batch_size = 3
            poll_interval_ms = 100
            workers = 3
            """
        let first = try DaemonProcess(settings: settings)
        #expect(try await first.notify.waitFor("READY=1"), "log: \(first.logText)")
        #expect(try first.ctl("tenant", "create", "twins", "--name", "Atelier Durand", "--email-from", "relances@durand.example").status == 0)
        let second = try DaemonProcess(settings: settings, sharing: first)
        #expect(try await second.notify.waitFor("READY=1"), "log: \(second.logText)")

        let run = UUID().uuidString.prefix(8).lowercased()
        let sql = try PostgresConnection(conninfo: first.conninfo)
        defer { sql.close() }
        func count(_ query: String) throws -> Int { try sql.query(query).first?.decode(Int.self, at: 0) ?? -1 }
        // 20 debtors whose first reminder is due now, and 10 whose call was done 16 days ago:
        // their formal notice is due now.
        try sql.query("""
            INSERT INTO tenant_twins.debtors (external_ref, name, email, address_line1, postal_code, city)
            SELECT 'D' || n, 'Débiteur ' || n, 'd' || n || '-' || $1 || '@exemple.fr', n || ' rue du Port', '29200', 'Brest'
            FROM generate_series(1, 30) AS n
            """, [String(run)])
        try sql.query("""
            INSERT INTO tenant_twins.cases (debtor_id, policy, position, stage, last_step_at)
            SELECT id, 'business', 4, 'call', now() - interval '16 days' FROM tenant_twins.debtors
            WHERE substr(external_ref, 2)::int > 20
            """)
        try sql.query("""
            INSERT INTO tenant_twins.invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT id, 'FA-' || id, current_date - 80, current_date - 50 + (id % 3)::int, 1000 + id FROM tenant_twins.debtors
            """)
        // Both daemons are asked to look again, repeatedly, while they work.
        for _ in 0..<5 {
            _ = try first.ctl("run-now", "--tenant", "twins")
            _ = try second.ctl("run-now", "--tenant", "twins")
            try sql.query("SELECT tenant_twins.request_review(id) FROM tenant_twins.debtors")
        }
        let mailbox = try CapturedMailbox.fromEnvironment()
        let done = try await waitUntil(timeout: .seconds(60)) {
            try count("SELECT count(*) FROM tenant_twins.events WHERE kind = 'step_executed'") >= 30
        }
        #expect(done, "first: \(first.logText)\nsecond: \(second.logText)")
        let delivered = try await waitUntil(timeout: .seconds(20)) {
            (1...20).allSatisfy { !mailbox.messages(to: "d\($0)-\(run)@exemple.fr").isEmpty }
        }
        #expect(delivered)
        // Let every pending review run, then check nothing ran twice.
        let settled = try await waitUntil(timeout: .seconds(30)) {
            try count("SELECT count(*) FROM tenant_twins.actions WHERE state = 'running' OR (state = 'scheduled' AND due_at <= now())") == 0
        }
        #expect(settled)
        #expect(try count("""
            SELECT count(*) FROM (SELECT case_id, step FROM tenant_twins.actions WHERE kind = 'step' AND state = 'succeeded'
                                  GROUP BY case_id, step HAVING count(*) > 1) twice
            """) == 0)
        #expect(try count("SELECT count(*) FROM tenant_twins.events WHERE kind = 'step_executed'") == 30)
        #expect(try count("SELECT count(*) FROM tenant_twins.events WHERE kind = 'formal_notice_sent'") == 10)
        #expect(try count("SELECT count(*) FROM tenant_twins.cases WHERE state = 'open'") == 30, "one case per debtor")
        for n in 1...20 {
            #expect(mailbox.messages(to: "d\(n)-\(run)@exemple.fr").count == 1, "debtor \(n) got one reminder")
        }
        // One letter per formal notice, between the two spools; each states the same claim as
        // claim_statement for that day.
        let letters = [first.letters, second.letters].flatMap { folder -> [URL] in
            let tenant = folder.appendingPathComponent("twins")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: tenant.path)) ?? []
            return names.filter { $0.hasSuffix("-formal_notice.txt") }.map { tenant.appendingPathComponent($0) }
        }
        #expect(letters.count == 10)
        let debtor = try #require(try sql.query("SELECT id FROM tenant_twins.debtors WHERE external_ref = 'D25'").first?.decode(Int64.self, at: 0))
        // The total as a French letter writes it: 1 134,56 € (narrow no-break space, decimal comma).
        let total = try #require(try sql.query("""
            SELECT to_char(total, 'FM999999990D00') FROM tenant_twins.claim_statement($1, (now() AT TIME ZONE 'Europe/Paris')::date)
            """, [debtor]).first?.decode(String.self, at: 0))
        let parts = total.split(separator: ".")
        let units = String(parts[0])
        let grouped = units.count > 3 ? units.dropLast(3) + "\u{202F}" + units.suffix(3) : Substring(units)
        let french = grouped + "," + parts[1] + "\u{00A0}€"
        let letterFile = try #require(try letters.first { try String(contentsOf: $0, encoding: .utf8).contains("Débiteur 25\n") })
        let letter = try String(contentsOf: letterFile, encoding: .utf8)
        #expect(letter.contains("Pénalités de retard"))
        #expect(letter.contains("Indemnité forfaitaire pour frais de recouvrement : 40,00\u{00A0}€"))
        #expect(letter.contains("Total dû : \(french)"), "the claim \(french) in: \(letter)")
        // Ops fetch it back through the daemon that wrote it.
        let noticeAction = try #require(try sql.query("""
            SELECT a.id FROM tenant_twins.actions a JOIN tenant_twins.debtors d ON d.id = a.debtor_id
            WHERE d.external_ref = 'D25' AND a.kind = 'step' AND a.stage = 'formal_notice' AND a.state = 'succeeded'
            """).first?.decode(Int64.self, at: 0))
        let output = first.directory.appendingPathComponent("fetched.pdf").path
        var fetched = try first.ctl("letter", "get", "--tenant", "twins", String(noticeAction), "--output", output)
        if fetched.status != 0 { fetched = try second.ctl("letter", "get", "--tenant", "twins", String(noticeAction), "--output", output) }
        #expect(fetched.status == 0, "\(fetched.stderr)")
        // The PDF to post, beside its plain-text copy.
        let pdf = letterFile.deletingPathExtension().appendingPathExtension("pdf")
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Data(contentsOf: pdf))
        #expect(try Data(contentsOf: pdf).starts(with: Data("%PDF-".utf8)))
        let copy = first.directory.appendingPathComponent("fetched.txt").path
        var text = try first.ctl("letter", "get", "--tenant", "twins", String(noticeAction), "--format", "text", "--output", copy)
        if text.status != 0 { text = try second.ctl("letter", "get", "--tenant", "twins", String(noticeAction), "--format", "text", "--output", copy) }
        #expect(text.status == 0, "\(text.stderr)")
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == letter)
        let missing = try first.ctl("letter", "get", "--tenant", "twins", "999999", "--output", output)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("999999"), "\(missing.stderr)")
        withExtendedLifetime(first) {}
    }
}
