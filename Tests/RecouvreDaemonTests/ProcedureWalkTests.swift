import Foundation
import Postgres
import RecouvreChannels
import RecouvreCore
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

/// The default policies walked from start to end by the daemon's runner, with the clock moved
/// from one planned moment to the next, against the real database, SMTP server and spool.
@Suite(.serialized) struct ProcedureWalkTests {
    let mailbox: CapturedMailbox

    init() throws { mailbox = try CapturedMailbox.fromEnvironment() }

    /// One business debtor, one invoice of €1,250.40 due in 5 days, never paid.
    @Test func theBusinessPolicyDayByDay() async throws {
        let fixture = try RunnerFixture()
        _ = fixture.spool
        let calendar = fixture.calendar
        let due = fixture.day(5)
        try fixture.addInvoice("FA-1", amount: "1250.40", daysAgo: -5)
        try fixture.run(until: fixture.now)

        // Courtesy e-mail at D-3, 09:00; no case, no step before the due date.
        let courtesyAt = fixture.at(due.adding(days: -3), 9)
        #expect(try fixture.actions(kind: "courtesy").map(\.dueAt) == [courtesyAt])
        #expect(try fixture.actions().isEmpty)
        try fixture.run(until: courtesyAt.addingTimeInterval(-60))
        #expect(mailbox.messages(to: fixture.recipient).isEmpty, "nothing before its moment")
        try fixture.run(until: courtesyAt)
        let courtesy = try #require(try await mailbox.waitForMessages(to: fixture.recipient).first)
        #expect(courtesy.decodedHeader("Subject")?.contains("Échéance prochaine : facture FA-1") == true)
        #expect(courtesy.body.contains(euros("1250.40")))
        #expect(try fixture.events("courtesy_sent").count == 1)

        // The due date itself is not late: the case opens at midnight after it.
        try fixture.run(until: fixture.at(due, 23, 59))
        #expect(try fixture.caseRow() == nil)
        try fixture.run(until: calendar.startOf(due.adding(days: 1)))
        #expect(try fixture.caseValue("state") == "open")
        #expect(try fixture.caseValue("policy") == "business")
        #expect(try fixture.caseValue("position") == "0")
        #expect(try fixture.events("case_opened").count == 1)

        // Each step's moment: its offset from the due date, or the policy's interval from the
        // step before if that one was moved, on its channel's calendar. Nothing runs before it.
        var last: (day: CalendarDay, offset: Int)?
        func nextStep(_ position: Int, offset: Int, channel: DeliveryChannel) throws -> Date {
            let fromDue = due.adding(days: offset)
            let day = last.map { max(fromDue, $0.day.adding(days: offset - $0.offset)) } ?? fromDue
            let expected = calendar.moment(on: day, at: .nine, channel: channel, notBefore: fixture.now)
            let pending = try #require(try fixture.pendingStep())
            #expect(pending.position == position)
            #expect(pending.dueAt == expected, "step \(position) planned at \(pending.dueAt), expected \(expected)")
            let before = try fixture.caseValue("position")
            try fixture.run(until: expected.addingTimeInterval(-60))
            #expect(try fixture.caseValue("position") == before, "step \(position) ran early")
            try fixture.run(until: expected)
            last = (calendar.localDay(of: expected), offset)
            return expected
        }

        // reminder1, D+1 (e-mail every day here, so exactly D+1 09:00).
        let reminder1At = try nextStep(2, offset: 1, channel: .email)
        #expect(reminder1At == fixture.at(due.adding(days: 1), 9))
        var messages = try await mailbox.waitForMessages(to: fixture.recipient, count: 2)
        #expect(messages.count == 2)
        let reminder1 = try #require(messages.withSubject("Rappel : facture FA-1 arrivée à échéance"), "\(messages.subjects)")
        #expect(reminder1.body.contains("(1 jours de retard)"))
        #expect(try fixture.caseValue("position") == "2")

        // reminder2, D+8.
        let reminder2At = try nextStep(3, offset: 8, channel: .email)
        #expect(reminder2At == fixture.at(due.adding(days: 8), 9))
        messages = try await mailbox.waitForMessages(to: fixture.recipient, count: 3)
        #expect(messages.count == 3)
        let reminder2 = try #require(messages.withSubject("Second rappel : facture FA-1"), "\(messages.subjects)")
        #expect(reminder2.body.contains("(8 jours de retard)"))
        // The same words in an HTML alternative, and, as the default policy asks at this step,
        // the statement of account as a PDF.
        #expect(reminder2.html?.contains("(8 jours de retard)") == true)
        #expect(reminder1.attachments.isEmpty, "reminder1's step attaches nothing")
        let statement = try #require(reminder2.attachments.first, "reminder2 carries the statement")
        #expect(statement.contentType == "application/pdf")
        #expect(statement.filename == "releve-de-compte-\(calendar.localDay(of: reminder2At)).pdf")
        let statementFile = FileManager.default.temporaryDirectory.appendingPathComponent("statement-\(UUID()).pdf")
        try statement.data.write(to: statementFile)
        defer { try? FileManager.default.removeItem(at: statementFile) }
        let statementText = try text(ofPDF: statementFile.path)
        #expect(statementText.contains("Relevé de compte au"))
        #expect(statementText.contains("FA-1"))
        #expect(statementText.contains("Reste dû"))

        // The call, D+15 on the collectors' calendar: a task, no message.
        let callAt = try nextStep(4, offset: 15, channel: .call)
        #expect(calendar.localDay(of: callAt) >= due.adding(days: 15))
        let callTask = try #require(try fixture.tasks().first)
        #expect(callTask["kind"] == "call")
        #expect(callTask["state"] == "open")
        #expect((callTask["title"] ?? nil)?.contains("Appeler Boulangerie Martin") == true)
        let callCalendar = calendar.calendar(for: .call)
        let deadlineDay = callCalendar.firstSendingDay(after: callCalendar.firstSendingDay(after: calendar.localDay(of: callAt)))
        #expect(try fixture.value("SELECT deadline FROM tenant_runner.tasks WHERE kind = 'call'")
                == fixture.value("SELECT $1::timestamptz", [fixture.at(deadlineDay, 18)]))
        #expect(try fixture.caseValue("stage") == "call")
        #expect(mailbox.messages(to: fixture.recipient).count == 3, "a call step sends nothing")

        // The formal notice, D+30: a letter in the spool stating the claim of that day.
        let noticeAt = try nextStep(5, offset: 30, channel: .letter)
        let noticeDay = calendar.localDay(of: noticeAt)
        let letters = try fixture.letters()
        #expect(letters.count == 1)
        let letter = try #require(letters.first)
        #expect(letter.name.hasSuffix("-formal_notice.txt"))
        #expect(letter.text.contains("Mise en demeure de payer") && letter.text.contains("FA-1"))
        let claim = try #require(try fixture.claim(asOf: noticeDay).first)
        let penalty = try #require(Decimal(string: (claim["penalty"] ?? nil) ?? "", locale: Locale(identifier: "en_US_POSIX")))
        #expect(penalty > 0)
        #expect(claim["indemnity"] == "40.00")
        #expect(claim["principal_outstanding"] == "1250.40")
        #expect(letter.text.contains("Principal restant dû : \(euros("1250.40"))"))
        #expect(letter.text.contains("Pénalités de retard : \(euros((claim["penalty"] ?? nil) ?? ""))"))
        #expect(letter.text.contains("Indemnité forfaitaire pour frais de recouvrement : \(euros("40.00"))"))
        #expect(letter.text.contains("Total dû : \(euros((claim["total"] ?? nil) ?? ""))"))
        #expect(letter.text.contains("(\(noticeDay.daysSinceEpoch - due.daysSinceEpoch) jours de retard)"))
        #expect(try fixture.events("formal_notice_sent").count == 1)
        #expect(try fixture.caseValue("formal_notice_on") == noticeDay.description)
        #expect(try fixture.caseValue("stage") == "formal_notice")
        #expect(mailbox.messages(to: fixture.recipient).count == 3, "the notice is a letter, not an e-mail")

        // Small claims (≤ €5,000), D+45: held with an approval task, then approved and opened.
        let smallClaimsAt = try nextStep(6, offset: 45, channel: .call)
        #expect(try fixture.pendingStep()?.state == "held")
        #expect(try fixture.caseValue("position") == "5", "a held step is not done")
        let approval = try #require(try fixture.tasks().first { $0["kind"] == "approval" && $0["state"] == "open" })
        #expect((approval["title"] ?? nil)?.contains("small_claims") == true)
        #expect(try fixture.events("action_held").count == 1)
        try fixture.sql.query("SELECT tenant_runner.decide_approval($1::bigint, true, 'under 5,000', 'j.martin')",
                              [(approval["id"] ?? nil) ?? ""])
        try fixture.run(until: fixture.now)
        #expect(try fixture.events("step_approved").count == 1)
        let smallClaims = try #require(try fixture.tasks().first { $0["kind"] == "small_claims" })
        #expect(smallClaims["state"] == "open")
        #expect(try fixture.caseValue("position") == "6")
        #expect(try fixture.caseValue("stage") == "small_claims")
        #expect(try fixture.tasks().allSatisfy { $0["kind"] != "agency_handoff" }, "the agency is for debts above €5,000")
        last = (calendar.localDay(of: smallClaimsAt), 45)

        // Court, D+75: held, refused, skipped; nothing is left to plan.
        _ = try nextStep(8, offset: 75, channel: .call)
        #expect(try fixture.pendingStep()?.state == "held")
        let courtApproval = try #require(try fixture.tasks().first { $0["kind"] == "approval" && $0["state"] == "open" })
        try fixture.sql.query("SELECT tenant_runner.decide_approval($1::bigint, false, 'not worth it', 'j.martin')",
                              [(courtApproval["id"] ?? nil) ?? ""])
        try fixture.run(until: fixture.now)
        let skipped = try #require(try fixture.events("step_skipped").first)
        #expect(skipped.text.contains("\"position\": 8"))
        #expect(try fixture.caseValue("position") == "8")
        #expect(try fixture.caseValue("state") == "open", "still owed: the case stays open")
        #expect(try fixture.pendingStep() == nil)
        #expect(try fixture.cancelled(kind: "step").contains { $0.contains("approval refused") })
        #expect(try fixture.tasks().allSatisfy { $0["kind"] != "court_file" })
        #expect(try fixture.events("step_executed").count == 5, "reminder1, reminder2, call, notice, small claims")
        #expect(mailbox.messages(to: fixture.recipient).count == 3)
        #expect(try fixture.letters().count == 1)
    }

    /// A consumer's formal notice speaks of legal interest and claims no indemnity.
    @Test func aConsumersFormalNoticeHasNoIndemnityAndMentionsLegalInterest() async throws {
        let fixture = try RunnerFixture()
        _ = fixture.spool
        try fixture.sql.query("UPDATE tenant_runner.debtors SET kind = 'consumer' WHERE id = $1", [fixture.debtorID])
        try fixture.addInvoice("FC-1", amount: "1250.40", daysAgo: 40)
        try fixture.run(until: fixture.now)
        #expect(try fixture.caseValue("policy") == "consumer")
        try fixture.runSteps(through: 5)

        let letter = try #require(try fixture.letters().first)
        let noticeDay = fixture.today
        let claim = try #require(try fixture.claim(asOf: noticeDay).first)
        #expect(claim["indemnity"] == "0.00")
        // Rendered before the notice is journaled: no legal interest yet. (claim_statement dates
        // the notice by the journal's clock, the database's, which the test does not move.)
        #expect(letter.text.contains("Intérêts au taux légal : \(euros("0.00"))"))
        #expect(letter.text.contains("fait courir les intérêts au taux légal"))
        #expect(letter.text.contains("Total dû : \(euros("1250.40"))"))
        #expect(!letter.text.contains("Indemnité"), "a consumer owes no recovery indemnity: \(letter.text)")
        #expect(!letter.text.contains("Pénalités de retard"))
        #expect(try fixture.caseValue("formal_notice_on") == noticeDay.description)
        // From the next day, the notice makes legal interest run.
        let later = try #require(try fixture.claim(asOf: noticeDay.adding(days: 30)).first)
        #expect(later["penalty"] != "0.00")
        #expect(later["indemnity"] == "0.00")
    }
}
