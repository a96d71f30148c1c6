import Foundation
import Postgres
import RecouvreTestSupport
import Testing

/// `recouvrectl plan` against the built daemon and a real database: the default business
/// policy's whole timeline for an invoice not yet due, with the claim from the formal notice
/// on, and nothing written or sent.
@Suite(.serialized)
struct PlanPreviewEndToEndTests {
    struct Line: Decodable {
        let local: String
        let event: String
        let position: Int?
        let stage: String?
        let channel: String?
        let template: String?
        let requiresApproval: Bool
        let invoices: [String]
        let principal: [String]
        let claimTotal: [String]?
        let detail: String?
    }

    struct Debtor: Decodable {
        let debtor: String
        let policy: String?
        let timeZone: String
        let entries: [Line]
    }

    struct Reply: Decodable {
        let debtors: [Debtor]
        let truncated: Bool
    }

    @Test func theDefaultBusinessTimelineFromCourtesyToCourtAndNothingWritten() async throws {
        let daemon = try DaemonProcess(settings: """
            [scheduler]
            poll_interval_ms = 200
            """)
        #expect(try await daemon.notify.waitFor("READY=1"), "log: \(daemon.logText)")
        #expect(try daemon.ctl("tenant", "create", "preview", "--name", "Atelier Durand").status == 0)
        let sql = try PostgresConnection(conninfo: daemon.conninfo)
        defer { sql.close() }
        try sql.query("""
            INSERT INTO tenant_preview.debtors (external_ref, name, email) VALUES ('CLI-1', 'Boulangerie Martin', 'compta@martin.example')
            """)
        try sql.query("""
            INSERT INTO tenant_preview.invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT id, 'FA-1', current_date - 25, current_date + 5, 1250.40 FROM tenant_preview.debtors
            """)
        let before = try sql.query("SELECT count(*) FROM tenant_preview.events").first?.decode(Int.self, at: 0)

        let result = try daemon.ctl("--json", "plan", "--tenant", "preview", "--debtor", "CLI-1")
        #expect(result.status == 0, "\(result.stderr)")
        let reply = try JSONDecoder().decode(Reply.self, from: Data(result.stdout.utf8))
        let timeline = try #require(reply.debtors.first)
        #expect(timeline.policy == "business")
        #expect(timeline.timeZone == "Europe/Paris")
        let work = timeline.entries.filter { $0.event == "step" || $0.event == "courtesy" }
        // Every step of the policy that applies to 1 250,40 €: small claims (≤ 5 000 €), not the agency.
        #expect(work.map(\.position) == [1, 2, 3, 4, 5, 6, 8], "\(result.stdout)")
        #expect(work.map(\.stage) == ["reminder", "reminder", "reminder", "call", "formal_notice", "small_claims", "legal"])
        #expect(work.map(\.channel) == ["email", "email", "email", "task", "letter", "task", "task"])
        #expect(work.map(\.requiresApproval) == [false, false, false, false, false, true, true])
        #expect(work.allSatisfy { $0.invoices == ["FA-1"] && $0.principal == ["1250.40 EUR"] })
        // Times go forward, at 09:00 or later in Paris.
        #expect(work.map(\.local) == work.map(\.local).sorted())
        #expect(timeline.entries.contains { $0.event == "case_opened" && $0.detail == "business" })
        // From the formal notice on, the claim adds penalties and the 40 € indemnity.
        for line in work where line.stage != "reminder" && line.stage != "call" {
            let claim = try #require(line.claimTotal?.first, "\(line.stage ?? "")")
            let amount = try #require(Decimal(string: String(claim.dropLast(4))))
            #expect(amount > Decimal(string: "1290.40")!, "principal + 40 € + penalties: \(claim)")
        }
        #expect(work.first?.claimTotal == nil)

        // Nothing was sent nor written by the preview: the journal only has what the daemon's
        // own review wrote, and no case step ran.
        let after = try sql.query("SELECT count(*) FROM tenant_preview.events WHERE kind IN ('step_executed', 'courtesy_sent', 'formal_notice_sent')")
            .first?.decode(Int.self, at: 0)
        #expect(after == 0)
        #expect(before != nil)

        let people = try daemon.ctl("plan", "--tenant", "preview")
        #expect(people.status == 0, "\(people.stderr)")
        #expect(people.stdout.contains("CLI-1  Boulangerie Martin  policy business"), "\(people.stdout)")
        #expect(people.stdout.contains("formal_notice  letter"), "\(people.stdout)")
        let unknown = try daemon.ctl("plan", "--tenant", "preview", "--debtor", "NOPE")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("NOPE"), "\(unknown.stderr)")
    }
}
