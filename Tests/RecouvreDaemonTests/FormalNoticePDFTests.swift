import Foundation
import RecouvreCore
import Testing
@testable import RecouvreDaemon

/// The formal notice goes to the spool as a PDF to post, on the tenant's letterhead, with the
/// claim of `claim_statement`, read back with pdftotext.
/// The text of a PDF, as pdftotext lays it out, with no-break spaces made plain.
func text(ofPDF path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-layout", path, "-"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        // Closed here, not left to deinit: Foundation may reuse the number under concurrency.
        try? out.fileHandleForReading.close()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
}

@Suite(.serialized) struct FormalNoticePDFTests {

    @Test func theFormalNoticeIsAPDFOnTheTenantsLetterheadWithTheClaim() throws {
        let fixture = try RunnerFixture()
        _ = fixture.spool
        try fixture.sql.query("""
            INSERT INTO recouvre.tenant_channels (tenant, address, siren, iban, bic, signatory)
            VALUES ('runner', E'4 place du Marché\\n69002 Lyon', '732829320', 'FR7630006000011234567890189', 'AGRIFRPP',
                    'Claire Durand, service recouvrement')
            """)
        try fixture.sql.query("""
            UPDATE tenant_runner.debtors SET address_line1 = '12 rue des Lilas', postal_code = '75019', city = 'Paris' WHERE id = $1
            """, [fixture.debtorID])
        try fixture.addInvoice("FA-2026-0412", amount: "1250.40", daysAgo: 60)
        try fixture.run(until: fixture.now)
        try fixture.runSteps(through: 5)

        let folder = URL(fileURLWithPath: fixture.spool).appendingPathComponent("runner")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        let pdfName = try #require(names.first { $0.hasSuffix("-formal_notice.pdf") }, "\(names)")
        #expect(names.contains(pdfName.replacingOccurrences(of: ".pdf", with: ".txt")), "a plain-text copy beside it")
        let text = try text(ofPDF: folder.appendingPathComponent(pdfName).path)
        let claim = try #require(try fixture.claim(asOf: fixture.today).first)
        #expect(text.contains("Atelier Durand"))
        #expect(text.contains("4 place du Marché") && text.contains("SIREN 732829320"), "\(text)")
        #expect(text.contains("Boulangerie Martin") && text.contains("75019 Paris"))
        #expect(text.contains("Lyon, le") || text.contains("Lyon"), "the place of the date line")
        #expect(text.contains("Lettre recommandée avec demande d'avis de réception") || text.contains("recommandée"))
        #expect(text.contains("FA-2026-0412"))
        #expect(text.contains("40,00 €"), "the indemnity")
        let total = try #require(claim["total"] ?? nil).replacingOccurrences(of: ".", with: ",")
        let grouped = total.count > 6 ? String(total.dropLast(6)) + " " + String(total.suffix(6)) : total
        #expect(text.contains(grouped), "the claim total \(grouped) in:\n\(text)")
        #expect(text.contains("FR76 3000 6000 0112 3456 7890 189"), "payment instructions, the IBAN in its print format")
        #expect(text.contains("L441-10"))
        #expect(text.contains("Claire Durand"))
    }
}
