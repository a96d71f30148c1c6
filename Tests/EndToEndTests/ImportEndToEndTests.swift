import Foundation
import Postgres
import RecouvreTestSupport
import Testing

/// `recouvrectl import` against the built daemon and a real tenant schema.
@Suite(.serialized)
struct ImportEndToEndTests {
    static func count(_ sql: PostgresConnection, _ query: String) throws -> Int {
        try sql.query(query).first?.decode(Int.self, "n") ?? -1
    }

    /// Writes `text` in Windows-1252, as a French ERP or spreadsheet does.
    static func windows1252(_ text: String, to url: URL) throws {
        try #require(text.data(using: .windowsCP1252)).write(to: url)
    }

    @Test func aFrenchWindows1252FileIsImportedOnceAndAMalformedOneIsRefusedWhole() async throws {
        let daemon = try DaemonProcess(settings: "")
        #expect(try await daemon.notify.waitFor("READY=1"), "log: \(daemon.logText)")
        #expect(try daemon.ctl("tenant", "create", "imp", "--name", "Fournitures Lefèvre").status == 0)
        // Paused, so that the daemon's reviews do not move the counts compared below.
        #expect(try daemon.ctl("tenant", "pause", "imp").status == 0)
        let sql = try PostgresConnection(conninfo: daemon.conninfo)
        defer { sql.close() }

        let debtors = daemon.directory.appendingPathComponent("clients.csv")
        try Self.windows1252("""
            Référence client;Raison sociale;Type;Courriel;Code postal;Ville;Pays\r
            CLI-001;"Boulangerie Martin; fils & cie";Entreprise;compta@martin.example;69002;Lyon;FR\r
            CLI-002;Jeanne Lefèvre;Particulier;;94000;Créteil;France\r

            """, to: debtors)
        let invoices = daemon.directory.appendingPathComponent("factures.csv")
        try Self.windows1252("""
            N° facture;Référence client;Date de facture;Date d'échéance;Montant TTC\r
            FA-2026-001;CLI-001;05/01/2026;04/02/2026;1 234,56\r
            FA-2026-002;CLI-002;10/01/2026;09/02/2026;89,90\r
            FA-2026-003;CLI-001;15/01/2026;14/03/2026;12\u{00A0}000,00\r
            """, to: invoices)

        let first = try daemon.ctl("import", "debtors", "--tenant", "imp", debtors.path, "--database", daemon.conninfo)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("2 lines; inserted 2, updated 0, unchanged 0"), "\(first.stdout)")
        #expect(first.stderr.contains("windows-1252, separator ;, convention fr"), "\(first.stderr)")
        let loaded = try daemon.ctl("--json", "import", "invoices", "--tenant", "imp", invoices.path, "--database", daemon.conninfo)
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stdout.contains(#""inserted" : 3"#) && loaded.stdout.contains(#""status" : "applied""#), "\(loaded.stdout)")
        let name = try sql.query("SELECT name, kind, country, city FROM tenant_imp.debtors WHERE external_ref = 'CLI-002'").rows[0]
        #expect(try name.decode(String.self, "name") == "Jeanne Lefèvre" && name.decode(String.self, "kind") == "consumer")
        #expect(try name.decode(String.self, "city") == "Créteil" && name.decode(String.self, "country") == "FR")
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM tenant_imp.invoices WHERE amount IN (1234.56, 89.90, 12000)") == 3)
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM tenant_imp.debtors WHERE name = 'Boulangerie Martin; fils & cie'") == 1)

        // Again: nothing changes, no trigger fires.
        let events = try Self.count(sql, "SELECT count(*) AS n FROM tenant_imp.events")
        let actions = try Self.count(sql, "SELECT count(*) AS n FROM tenant_imp.actions")
        let again = try daemon.ctl("import", "debtors", "--tenant", "imp", debtors.path, "--database", daemon.conninfo)
        #expect(again.stdout.contains("inserted 0, updated 0, unchanged 2"), "\(again.stdout) \(again.stderr)")
        let invoicesAgain = try daemon.ctl("import", "invoices", "--tenant", "imp", invoices.path, "--database", daemon.conninfo)
        #expect(invoicesAgain.stdout.contains("inserted 0, updated 0, unchanged 3"), "\(invoicesAgain.stdout) \(invoicesAgain.stderr)")
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM tenant_imp.events") == events)
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM tenant_imp.actions") == actions)

        // A malformed file: refused whole, with the line of every problem; its good lines are not applied either.
        let malformed = daemon.directory.appendingPathComponent("factures-bis.csv")
        try Self.windows1252("""
            N° facture;Référence client;Date de facture;Date d'échéance;Montant TTC\r
            FA-2026-010;CLI-001;05/01/2026;04/02/2026;100,00\r
            FA-2026-011;CLI-001;05/01/2026;31/02/2026;100,00\r
            FA-2026-012;CLI-999;05/01/2026;04/02/2026;100,00\r
            FA-2026-013;CLI-002;05/01/2026;04/02/2026;cent euros\r
            FA-2026-010;CLI-002;05/01/2026;04/02/2026;5,00\r
            FA-2026-014;CLI-002;05/01/2026;04/02/2026;"5,00\r
            """, to: malformed)
        let refused = try daemon.ctl("import", "invoices", "--tenant", "imp", malformed.path, "--database", daemon.conninfo)
        #expect(refused.status == 1, "\(refused.stdout)")
        for expected in [
            "refused, nothing was imported",
            "line 3, due_on: \"31/02/2026\" is not a date: there is no such day",
            "line 4, debtor: no debtor 'CLI-999' in this tenant",
            "line 5, amount: \"cent euros\" is not an amount",
            "line 6, number: the invoice number FA-2026-010 is already on line 2",
            "line 7: the file ends inside a quoted field",
        ] {
            #expect(refused.stderr.contains(expected), "missing \(expected) in: \(refused.stderr)")
        }
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM tenant_imp.invoices") == 3)

        // Payments from an international file (UTF-8, ",", 1234.56, ISO dates): recorded once,
        // the two identical lines without a reference as two payments.
        let payments = daemon.directory.appendingPathComponent("payments.csv")
        try """
            Customer ID,Invoice number,Amount paid,Payment date,Payment reference
            CLI-001,FA-2026-001,"1,000.00",2026-02-01,VIR-778
            CLI-002,,50.00,2026-02-03,
            CLI-002,,50.00,2026-02-03,

            """.write(to: payments, atomically: true, encoding: .utf8)
        let paid = try daemon.ctl("import", "payments", "--tenant", "imp", payments.path, "--database", daemon.conninfo)
        #expect(paid.status == 0 && paid.stdout.contains("3 lines; inserted 3, updated 0, unchanged 0"), "\(paid.stdout) \(paid.stderr)")
        #expect(paid.stderr.contains("utf-8, separator ,, convention intl"), "\(paid.stderr)")
        let paidAgain = try daemon.ctl("--json", "import", "payments", "--tenant", "imp", payments.path, "--database", daemon.conninfo)
        #expect(paidAgain.stdout.contains(#""unchanged" : 3"#), "\(paidAgain.stdout) \(paidAgain.stderr)")
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM tenant_imp.payments WHERE import_key IS NOT NULL") == 3)

        // A dry run checks and counts without applying.
        let dry = try daemon.ctl("import", "debtors", "--tenant", "imp", debtors.path, "--dry-run", "--database", daemon.conninfo)
        #expect(dry.status == 0 && dry.stdout.contains("dry run"), "\(dry.stdout) \(dry.stderr)")
        let forced = try daemon.ctl("import", "debtors", "--tenant", "imp", debtors.path, "--encoding", "utf-8", "--database", daemon.conninfo)
        #expect(forced.status == 1 && forced.stderr.contains("line 1: this line is not valid UTF-8"), "\(forced.stderr)")
        let unknown = try daemon.ctl("import", "debtors", "--tenant", "nobody", debtors.path, "--database", daemon.conninfo)
        #expect(unknown.status == 1 && unknown.stderr.contains("tenant 'nobody' not found"), "\(unknown.stderr)")
    }
}
