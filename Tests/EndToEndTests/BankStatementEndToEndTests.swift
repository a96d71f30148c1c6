import ControlProtocol
import Foundation
import Postgres
import RecouvreTestSupport
import Testing

/// `recouvrectl import statement` and `payment unmatched|assign|ignore` against the built daemon:
/// a camt.053 and a CFONB 120 file, read by recouvrectl, matched and recorded by the daemon.
@Suite(.serialized)
struct BankStatementEndToEndTests {
    static func count(_ sql: PostgresConnection, _ query: String) throws -> Int {
        try sql.query(query).first?.decode(Int.self, "n") ?? -1
    }

    /// Pays FA-2026-0101 (RF reference, ACME's IBAN) and brings 99.00 nobody can place.
    static let camt = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>E2E-1</MsgId><CreDtTm>2026-03-04T06:00:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>E2E-STMT-1</Id>
              <Acct><Id><IBAN>FR7630004008280001234567841</IBAN></Id></Acct>
              <Ntry>
                <Amt Ccy="EUR">1200.00</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts><Cd>BOOK</Cd></Sts>
                <BookgDt><Dt>2026-03-03</Dt></BookgDt>
                <AcctSvcrRef>E2E-0001</AcctSvcrRef>
                <NtryDtls><TxDtls>
                  <RltdPties>
                    <Dbtr><Pty><Nm>ACME Industrie SAS</Nm></Pty></Dbtr>
                    <DbtrAcct><Id><IBAN>FR1420041010050500013M02606</IBAN></Id></DbtrAcct>
                  </RltdPties>
                  <RmtInf><Strd><CdtrRefInf><Ref>RF42FA20260101</Ref></CdtrRefInf></Strd></RmtInf>
                </TxDtls></NtryDtls>
              </Ntry>
              <Ntry>
                <Amt Ccy="EUR">99.00</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts><Cd>BOOK</Cd></Sts>
                <BookgDt><Dt>2026-03-03</Dt></BookgDt>
                <AcctSvcrRef>E2E-0002</AcctSvcrRef>
                <NtryDtls><TxDtls><RmtInf><Ustrd>REMBOURSEMENT FOURNISSEUR</Ustrd></RmtInf></TxDtls></NtryDtls>
              </Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """

    /// Pays FA-2026-0103 (number in a 05 record, payer's name) and brings 300.55 from Dupont
    /// without an invoice number.
    static let cfonb = """
        0130002    00550EUR2 00001578410  040326                                                  0000000005000{                
        0430002000500550EUR2 0000157841005050326  050326VIR BOULANGERIE LEON             0004411  0000000004500{                
        0530002000500550EUR2 0000157841005050326     NPYBOULANGERIE LEON                                                        
        0530002000500550EUR2 0000157841005050326     LCCFACT FA 2026 0103                                                       
        0430002000500550EUR2 0000157841005050326  050326VIR DUPONT ET FILS               0004412  0000000003005E                
        0530002000500550EUR2 0000157841005050326     RCNE2E-DUPONT-7781                                                         
        0730002    00550EUR2 00001578410  050326                                                  0000000012505E                

        """

    @Test func statementsBecomePaymentsThatStopRemindersAndTheRestIsAssignedByHand() async throws {
        let daemon = try DaemonProcess(settings: "")
        #expect(try await daemon.notify.waitFor("READY=1"), "log: \(daemon.logText)")
        #expect(try daemon.ctl("tenant", "create", "bank", "--name", "Fournitures Dupuis SAS",
                               "--email-from", "relances@dupuis.example").status == 0)
        let sql = try PostgresConnection(conninfo: daemon.conninfo)
        defer { sql.close() }
        let tag = UUID().uuidString.prefix(8).lowercased()
        try sql.query("""
            INSERT INTO tenant_bank.debtors (external_ref, name, email) VALUES
              ('ACME', 'ACME Industrie', 'compta-\(tag)@acme.example'),
              ('DUP', 'Dupont et Fils', 'compta-\(tag)@dupont.example'),
              ('LEO', 'Boulangerie Léon', 'compta-\(tag)@leon.example')
            """)
        try sql.query("""
            INSERT INTO tenant_bank.invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT d.id, v.number, current_date - 40, current_date - 10, v.amount
            FROM (VALUES ('ACME', 'FA-2026-0101', 1200.00), ('DUP', 'FA-2026-0102', 500.00),
                         ('LEO', 'FA-2026-0103', 450.00)) AS v (ref, number, amount)
            JOIN tenant_bank.debtors d ON d.external_ref = v.ref
            """)
        // ACME's first reminder goes out and the next one waits.
        let planned = try await waitUntil(timeout: .seconds(30)) {
            try Self.count(sql, """
                SELECT count(*) AS n FROM tenant_bank.actions a JOIN tenant_bank.debtors d ON d.id = a.debtor_id
                WHERE d.external_ref = 'ACME' AND a.kind = 'step' AND a.state = 'scheduled'
                """) >= 1
        }
        #expect(planned, "no reminder pending for ACME; log: \(daemon.logText)")

        let camtFile = daemon.directory.appendingPathComponent("releve.xml")
        try Self.camt.write(to: camtFile, atomically: true, encoding: .utf8)
        let imported = try daemon.ctl("import", "statement", "--tenant", "bank", camtFile.path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("new 2, already imported 0, matched → payments 1, unmatched 1"), "\(imported.stdout)")
        #expect(imported.stdout.contains("FA-2026-0101"), "\(imported.stdout)")
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM tenant_bank.payments") == 1)

        // The payment cancels ACME's pending reminder, as a recorded payment does.
        let cancelled = try await waitUntil(timeout: .seconds(30)) {
            try Self.count(sql, """
                SELECT count(*) AS n FROM tenant_bank.actions a JOIN tenant_bank.debtors d ON d.id = a.debtor_id
                WHERE d.external_ref = 'ACME' AND a.kind = 'step' AND a.state = 'scheduled'
                """) == 0
        }
        #expect(cancelled, "ACME's pending reminder was not cancelled; log: \(daemon.logText)")
        #expect(try Self.count(sql, """
            SELECT count(*) AS n FROM tenant_bank.actions a JOIN tenant_bank.debtors d ON d.id = a.debtor_id
            WHERE d.external_ref = 'ACME' AND a.kind = 'step' AND a.state = 'cancelled' AND a.last_error = 'paid'
            """) >= 1)

        let again = try daemon.ctl("import", "statement", "--tenant", "bank", camtFile.path)
        #expect(again.stdout.contains("new 0, already imported 2, matched → payments 0, unmatched 0"), "\(again.stdout)")
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM tenant_bank.payments") == 1)

        let cfonbFile = daemon.directory.appendingPathComponent("RELEVE.TXT")
        try Self.cfonb.write(to: cfonbFile, atomically: true, encoding: .isoLatin1)
        let dry = try daemon.ctl("import", "statement", "--tenant", "bank", "--dry-run", cfonbFile.path)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.hasPrefix("dry run, nothing kept: cfonb120 FR"), "\(dry.stdout)")
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM tenant_bank.bank_credits") == 2)

        let cfonb = try daemon.ctl("--json", "import", "statement", "--tenant", "bank", "--format", "cfonb", cfonbFile.path)
        #expect(cfonb.status == 0, "\(cfonb.stderr)")
        let reply = try JSONDecoder().decode(ImportBankStatementReply.self, from: Data(cfonb.stdout.utf8))
        #expect(reply.summary.matched == 1)
        #expect(reply.summary.unmatched == 1)
        #expect(reply.summary.credits.first?.invoice == "FA-2026-0103")
        #expect(reply.summary.credits.first?.confidence == 90)

        let listed = try daemon.ctl("--json", "payments", "unmatched", "--tenant", "bank")
        #expect(listed.status == 0, "\(listed.stderr)")
        let unmatched = try JSONDecoder().decode(ListUnmatchedCreditsReply.self, from: Data(listed.stdout.utf8)).credits
        #expect(unmatched.map(\.amount) == ["99.00", "300.55"])
        let table = try daemon.ctl("payment", "unmatched", "--tenant", "bank")
        #expect(table.stdout.contains("REMBOURSEMENT FOURNISSEUR"), "\(table.stdout)")

        let assigned = try daemon.ctl("payment", "assign", "--tenant", "bank", String(unmatched[1].id), "--invoice", "FA-2026-0102")
        #expect(assigned.status == 0, "\(assigned.stderr)")
        #expect(assigned.stdout.contains("of invoice FA-2026-0102 from DUP"), "\(assigned.stdout)")
        #expect(try sql.query("SELECT outstanding::text AS o FROM tenant_bank.invoice_balances WHERE number = 'FA-2026-0102'")
            .first?.decode(String.self, "o") == "199.45")
        let ignored = try daemon.ctl("payment", "ignore", "--tenant", "bank", String(unmatched[0].id), "--reason", "supplier refund")
        #expect(ignored.status == 0, "\(ignored.stderr)")
        let twice = try daemon.ctl("payment", "assign", "--tenant", "bank", String(unmatched[1].id), "--debtor", "DUP")
        #expect(twice.status == 1 && twice.stderr.contains("already became payment"), "\(twice.stderr)")
        #expect(try daemon.ctl("payment", "unmatched", "--tenant", "bank").stdout.contains("no unmatched credits"))
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM tenant_bank.payments") == 3)

        // A damaged file is refused here, with its line, before anything is sent.
        var lines = Self.cfonb.split(separator: "\n").map(String.init)
        lines[2] = String(lines[2].prefix(100))
        let broken = daemon.directory.appendingPathComponent("BROKEN.TXT")
        try lines.joined(separator: "\n").write(to: broken, atomically: true, encoding: .utf8)
        let refused = try daemon.ctl("import", "statement", "--tenant", "bank", broken.path)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("line 3: a CFONB 120 record is 120 characters, this line has 100"), "\(refused.stderr)")
    }

    /// A statement too long for one control message is sent in parts; importing it again
    /// after a part went through adds nothing.
    @Test func aLongStatementIsSentInPartsAndStaysIdempotent() async throws {
        let daemon = try DaemonProcess(settings: "")
        #expect(try await daemon.notify.waitFor("READY=1"), "log: \(daemon.logText)")
        #expect(try daemon.ctl("tenant", "create", "long", "--name", "Grossiste Bernard").status == 0)
        let note = String(repeating: "Reglement selon accord commercial, ", count: 25)
        let entries = (1...230).map { n in
            """
              <Ntry>
                <Amt Ccy="EUR">\(n).25</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><Dt>2026-03-03</Dt></BookgDt>
                <AcctSvcrRef>LONG-\(n)</AcctSvcrRef>
                <NtryDtls><TxDtls><RmtInf><Ustrd>\(note)</Ustrd></RmtInf></TxDtls></NtryDtls>
              </Ntry>
            """
        }
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
            <BkToCstmrStmt><GrpHdr><MsgId>LONG</MsgId></GrpHdr><Stmt><Id>LONG-1</Id>
            <Acct><Id><IBAN>FR7630004008280001234567841</IBAN></Id></Acct>
            \(entries.joined(separator: "\n"))
            </Stmt></BkToCstmrStmt></Document>
            """
        let file = daemon.directory.appendingPathComponent("long.xml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let first = try daemon.ctl("import", "statement", "--tenant", "long", file.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("new 230, already imported 0, matched → payments 0, unmatched 230"), "\(first.stdout.prefix(300))")
        let sql = try PostgresConnection(conninfo: daemon.conninfo)
        defer { sql.close() }
        #expect(try Self.count(sql, "SELECT count(*) AS n FROM tenant_long.bank_credits") == 230)
        #expect(try Self.count(sql, "SELECT count(DISTINCT statement_id) AS n FROM tenant_long.bank_credits") == 1)
        let again = try daemon.ctl("import", "statement", "--tenant", "long", file.path)
        #expect(again.stdout.contains("new 0, already imported 230"), "\(again.stdout.prefix(300))")
    }
}
