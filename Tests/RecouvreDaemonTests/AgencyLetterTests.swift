import ControlProtocol
import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import Testing
@testable import RecouvreDaemon

/// The agency handoff: the task for the collectors, and — when the tenant has an agency — the
/// agency's letter to the debtor (CPCE R124-4) with the claim of `claim_statement`, and its
/// claim file, read back with pdftotext and through `GetLetter`.
@Suite(.serialized) struct AgencyLetterTests {
    /// A business debtor owing €6,000 on two invoices, walked through its formal notice to the
    /// agency step (position 7, held for approval), then approved.
    private func handedOver(agency: Bool) throws -> RunnerFixture {
        let fixture = try RunnerFixture()
        _ = fixture.spool
        try fixture.sql.query("""
            INSERT INTO recouvre.tenant_channels (tenant, address, siren, iban, signatory)
            VALUES ('runner', E'4 place du Marché\\n69002 Lyon', '732829320', 'FR7630006000011234567890189', 'Claire Durand')
            """)
        if agency {
            try fixture.sql.query("""
                UPDATE recouvre.tenant_channels SET agency_name = 'Cabinet Lebrun Recouvrement',
                    agency_address = E'8 quai de Saône\\n69009 Lyon', agency_siren = '552100554', agency_phone = '04 72 00 00 00',
                    agency_email = 'dossiers@lebrun.example', agency_iban = 'FR0910207000011234567890143',
                    agency_bic = 'CCBPFRPP', agency_signatory = 'Paul Lebrun, gérant'
                WHERE tenant = 'runner'
                """)
        }
        try fixture.sql.query("""
            UPDATE tenant_runner.debtors SET address_line1 = '12 rue des Lilas', postal_code = '75019', city = 'Paris' WHERE id = $1
            """, [fixture.debtorID])
        try fixture.addInvoice("FA-1", amount: "4000.00", daysAgo: 100)
        try fixture.addInvoice("FA-2", amount: "2000.00", daysAgo: 100)
        try fixture.run(until: fixture.now)
        try fixture.runSteps(through: 5)
        let held = try fixture.runNextStep()
        try #require(held.position == 7, "small claims stop at €5,000: the agency comes next")
        let approval = try #require(try fixture.tasks().first { $0["kind"] == "approval" && $0["state"] == "open" })
        try fixture.sql.query("SELECT tenant_runner.decide_approval($1::bigint, true, NULL, 'j.martin')",
                              [(approval["id"] ?? nil) ?? ""])
        try fixture.run(until: fixture.now)
        try #require(try fixture.tasks().contains { $0["kind"] == "agency_handoff" && $0["state"] == "open" })
        return fixture
    }

    /// The agency step's action id and outcome.
    private func handoff(_ fixture: RunnerFixture) throws -> (id: Int64, outcome: [String: Any]) {
        let row = try #require(try fixture.sql.query("""
            SELECT id, outcome::text AS outcome FROM tenant_runner.actions WHERE kind = 'step' AND step = 7 AND state = 'succeeded'
            """).first)
        let outcome = try #require(try JSONSerialization.jsonObject(with: Data(try row.decode(String.self, "outcome").utf8))
            as? [String: Any])
        return (try row.decode(Int64.self, "id"), outcome)
    }

    /// The files of the tenant's spool folder, hidden ones included.
    private func spoolFiles(_ fixture: RunnerFixture) throws -> [String] {
        let folder = URL(fileURLWithPath: fixture.spool).appendingPathComponent("runner").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    /// A sum of `claim_statement`'s column, as the French letter writes it with plain spaces.
    private func frenchSum(_ claim: [[String: String?]], _ column: String) -> String {
        let sum = claim.reduce(Decimal(0)) { $0 + (Decimal(string: ($1[column] ?? nil) ?? "0") ?? 0) }
        return euros("\(sum)").replacingOccurrences(of: "\u{202F}", with: " ").replacingOccurrences(of: "\u{00A0}", with: " ")
    }

    @Test func theAgencyStepProducesTheAgencysLetterWithTheClaimOfTheDay() throws {
        let fixture = try handedOver(agency: true)
        let (id, outcome) = try handoff(fixture)
        let folder = URL(fileURLWithPath: fixture.spool).appendingPathComponent("runner")
        let files = try spoolFiles(fixture)
        #expect(files.contains("\(id)-agency_letter.pdf"), "\(files)")
        #expect(files.allSatisfy { !$0.hasSuffix(".pending") }, "published after commit")
        #expect(outcome["agency_letter_pdf"] as? String == folder.appendingPathComponent("\(id)-agency_letter.pdf").path)
        #expect(outcome["claim_file"] as? String == folder.appendingPathComponent("\(id)-agency_handoff.json").path)
        #expect(outcome["agency_letter"] == nil)

        // Lines wrap anywhere: compare with runs of white space folded.
        let text = try text(ofPDF: folder.appendingPathComponent("\(id)-agency_letter.pdf").path)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        // 1° the agency, its address, and that it carries out amicable collection.
        #expect(text.contains("Cabinet Lebrun Recouvrement, 8 quai de Saône, 69009 Lyon, exerce une activité de recouvrement amiable de créances"),
                "\(text)")
        #expect(text.contains("SIREN 552100554"))
        // 2° the creditor.
        #expect(text.contains("Créancier : Atelier Durand, 4 place du Marché, 69002 Lyon"), "\(text)")
        // 3° the basis, and the amount split as claim_statement splits it on the day of the step.
        #expect(text.contains("factures n° FA-1 du") && text.contains(" et FA-2 du "), "\(text)")
        let claim = try fixture.claim(asOf: fixture.today)
        #expect(claim.count == 2)
        let principal = frenchSum(claim, "principal_outstanding"), penalty = frenchSum(claim, "penalty")
        let indemnity = frenchSum(claim, "indemnity"), total = frenchSum(claim, "total")
        #expect(principal == "6 000,00 €" && indemnity == "80,00 €" && penalty != "0,00 €", "\(principal) \(indemnity) \(penalty)")
        #expect(text.contains("principal : \(principal)"), "\(principal) in:\n\(text)")
        #expect(text.contains("article L441-10 du code de commerce) : \(penalty)"), "\(penalty) in:\n\(text)")
        #expect(text.contains("D441-5 du code de commerce) : \(indemnity)"), "\(indemnity) in:\n\(text)")
        #expect(text.contains("soit un total de \(total)"), "\(total) in:\n\(text)")
        // 4° the demand to pay, and how: to the agency's account, with its reference.
        #expect(text.contains("Nous vous demandons de régler la somme de \(total)"), "\(text)")
        #expect(text.contains("FR09 1020 7000 0112 3456 7890 143"), "the IBAN in its print format: \(text)")
        #expect(!text.contains("FR76 3000 6000 0112 3456 7890 189"), "the debtor pays the agency, not the creditor")
        let caseID = try #require(try fixture.caseValue("id"))
        #expect(text.contains("RUNNER-\(caseID)-\(id)"), "the agency's reference")
        // 5° L111-8, paragraphs 2 and 3.
        #expect(text.contains("Les frais de recouvrement entrepris sans titre exécutoire restent à la charge du créancier"), "\(text)")
        #expect(text.contains("débiteur de mauvaise foi"))
        #expect(text.contains("Paul Lebrun, gérant"), "the agency signs")
        #expect(text.contains("Boulangerie Martin") && text.contains("75019 Paris"), "addressed to the debtor")

        // The claim file for the agency's system: the same claim.
        let data = try Data(contentsOf: folder.appendingPathComponent("\(id)-agency_handoff.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let claims = try #require(json["claims"] as? [[String: Any]])
        #expect(claims.compactMap { $0["number"] as? String }.sorted() == ["FA-1", "FA-2"])
        let totals = try #require(json["totals"] as? [String: Any])
        #expect((totals["total"] as? [String])?.first?.hasPrefix(total.replacingOccurrences(of: " ", with: "")
            .replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "€", with: "")) == true, "\(totals)")
    }

    @Test func withoutAnAgencyTheTaskOpensAndNothingIsStaged() throws {
        let fixture = try handedOver(agency: false)
        let (id, outcome) = try handoff(fixture)
        let files = try spoolFiles(fixture)
        #expect(files.allSatisfy { !$0.contains("\(id)-agency") }, "\(files)")
        #expect(outcome["agency_letter_pdf"] == nil && outcome["claim_file"] == nil)
        let why = try #require(outcome["agency_letter"] as? String)
        #expect(why.hasPrefix("not produced: no agency is set") && why.contains("recouvrectl tenant channels --agency-name"), "\(why)")
        #expect(try fixture.caseValue("stage") == "agency")
    }

    @Test func getLetterReturnsTheAgencyLetterAndItsClaimFile() async throws {
        let fixture = try handedOver(agency: true)
        let (id, outcome) = try handoff(fixture)
        var configuration = fixture.configuration
        configuration.databaseConninfo = fixture.conninfo
        let service = ControlService(configuration: configuration, state: DaemonState(), registry: TenantRegistry(),
                                     queue: WorkQueue(owner: "control-test", lease: .seconds(60)), version: "test")
        let pdf = try await service.getLetter(GetLetterParameters(tenant: "runner", actionId: Int(id)))
        let json = try await service.getLetter(GetLetterParameters(tenant: "runner", actionId: Int(id), format: "json"))
        let text = await #expect(throws: ControlError.self) {
            try await service.getLetter(GetLetterParameters(tenant: "runner", actionId: Int(id), format: "text"))
        }
        await service.close()
        #expect(pdf.name == "\(id)-agency_letter.pdf" && pdf.contentType == "application/pdf")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: try #require(outcome["agency_letter_pdf"] as? String)))
        #expect(Data(base64Encoded: pdf.content) == bytes)
        #expect(json.name == "\(id)-agency_handoff.json" && json.contentType == "application/json")
        #expect(String(decoding: Data(base64Encoded: json.content) ?? Data(), as: UTF8.self).contains("\"FA-2\""))
        guard case .invalidArgument(_, let reason)? = text else { Issue.record("\(String(describing: text))"); return }
        #expect(reason.contains("produced no text letter"), "\(reason)")
    }
}
