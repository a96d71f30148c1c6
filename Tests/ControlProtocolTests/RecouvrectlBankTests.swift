import ControlProtocol
import Foundation
import Testing

/// recouvrectl's bank statement commands against the in-memory handler.
@Suite("recouvrectl bank statements")
struct RecouvrectlBankTests {
    /// The runner and server of the procedure commands' tests, reused.
    let cli: RecouvrectlProcedureTests
    var handler: InMemoryControlHandler { cli.handler }
    var directory: SocketDirectory { cli.directory }

    init() throws {
        cli = try RecouvrectlProcedureTests()
    }

    func run(_ arguments: [String]) async throws -> RecouvrectlTests.Outcome {
        try await cli.run(arguments)
    }

    func serve() throws -> ControlServer {
        try cli.serve()
    }

    func write(_ text: String, _ name: String) throws -> String {
        let url = URL(fileURLWithPath: directory.socket()).deletingLastPathComponent().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let notification = """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
          <BkToCstmrDbtCdtNtfctn>
            <GrpHdr><MsgId>N-1</MsgId></GrpHdr>
            <Ntfctn>
              <Id>N-1</Id>
              <Acct><Id><IBAN>FR7630004008280001234567841</IBAN></Id></Acct>
              <Ntry>
                <Amt Ccy="EUR">75.5</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <BookgDt><Dt>2026-03-10</Dt></BookgDt>
                <AcctSvcrRef>N1</AcctSvcrRef>
                <NtryDtls><TxDtls><RmtInf><Ustrd>REGLEMENT</Ustrd></RmtInf></TxDtls></NtryDtls>
              </Ntry>
            </Ntfctn>
          </BkToCstmrDbtCdtNtfctn>
        </Document>
        """

    @Test("import statement sends the parsed credits; payments unmatched, assign and ignore",
          .enabled(if: RecouvrectlTests.binary != nil))
    func importAndDecide() async throws {
        let server = try serve()
        defer { server.stop() }
        let file = try write(Self.notification, "n.xml")
        let imported = try await run(["import", "statement", "--tenant", "acme", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("camt.054 FR7630004008280001234567841: 1 credits"), "\(imported.stdout)")
        #expect(imported.stdout.contains("1       2026-03-10  75.50 EUR  unmatched"), "\(imported.stdout)")

        let json = try await run(["--json", "payments", "unmatched", "--tenant", "acme"])
        let credits = try JSONDecoder().decode(ListUnmatchedCreditsReply.self, from: Data(json.stdout.utf8)).credits
        #expect(credits.map(\.amount) == ["75.50"], "the amount is sent with two decimals")
        #expect(json.stdout.contains("\"valueOn\" : null"), "every field, null when absent: \(json.stdout)")

        let table = try await run(["payment", "unmatched", "--tenant", "acme"])
        #expect(table.stdout.contains("FA-2024-0412 (CLI-1) 30"), "\(table.stdout)")
        let assigned = try await run(["payment", "assign", "--tenant", "acme", "1", "--invoice", "FA-2024-0412"])
        #expect(assigned.stdout == "credit 1 (75.50 EUR) recorded as payment 501 of invoice FA-2024-0412 from CLI-1\n",
                "\(assigned.stdout)")
        let again = try await run(["payment", "ignore", "--tenant", "acme", "1"])
        #expect(again.status == 1 && again.stderr.contains("already became a payment"), "\(again.stderr)")
        #expect(await handler.authors.count == 2)
    }

    @Test("a file that does not parse is refused here, with its lines, and nothing is sent",
          .enabled(if: RecouvrectlTests.binary != nil))
    func refusedLocally() async throws {
        let server = try serve()
        defer { server.stop() }
        let file = try write(Self.notification.replacingOccurrences(of: ">75.5<", with: ">75,50<"), "bad.xml")
        let refused = try await run(["import", "statement", "--tenant", "acme", file])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("line 9, Ntry/Amt: \"75,50\" is not a positive amount"), "\(refused.stderr)")
        let forced = try await run(["import", "statement", "--tenant", "acme", "--format", "cfonb", try write(Self.notification, "n.xml")])
        #expect(forced.status == 1 && forced.stderr.contains("line 1: a CFONB 120 record is 120 characters"), "\(forced.stderr)")
        let usage = try await run(["payment", "assign", "--tenant", "acme", "1"])
        #expect(usage.status == 2 && usage.stderr.contains("name the invoice (or the debtor)"), "\(usage.stderr)")
        #expect(try await handler.listUnmatchedCredits(tenant: "acme").isEmpty)
    }
}
