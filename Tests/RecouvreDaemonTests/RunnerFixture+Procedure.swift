import Foundation
import Postgres
import RecouvreChannels
import RecouvreCore
import RecouvreStore
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

/// What the procedure tests read and do through the fixture: the debtor's case, tasks, letters
/// and claim, the negotiation functions, and the clock moved from one planned step to the next.
extension RunnerFixture {
    /// The calendar the runner plans with, in the tenant's zone.
    var calendar: ProcedureCalendar {
        configuration.calendar.procedureCalendar(in: TimeZone(identifier: "Europe/Paris")!)
    }

    /// Today in Paris on the runner's clock.
    var today: CalendarDay { calendar.localDay(of: now) }

    /// `day` at `hour`:`minute` in Paris.
    func at(_ day: CalendarDay, _ hour: Int, _ minute: Int = 0) -> Date {
        calendar.instant(of: day, at: LocalTime(hour: hour, minute: minute)!)
    }

    /// The debtor's case (the latest one), as text.
    func caseRow() throws -> [String: String?]? {
        try rows("""
            SELECT id, state, policy, stage, position, expedite, formal_notice_on, close_reason
            FROM tenant_runner.cases ORDER BY id DESC LIMIT 1
            """).first
    }

    /// A column of the debtor's latest case.
    func caseValue(_ column: String) throws -> String? {
        try caseRow()?[column] ?? nil
    }

    /// The collectors' tasks, oldest first.
    func tasks() throws -> [[String: String?]] {
        try rows("SELECT id, kind, state, title, deadline, case_id, action_id, outcome::text FROM tenant_runner.tasks ORDER BY id")
    }

    /// The step still to come (scheduled or held), if any.
    func pendingStep() throws -> (id: Int64, position: Int, state: String, dueAt: Date)? {
        try sql.query("""
            SELECT id, step, state, due_at FROM tenant_runner.actions
            WHERE kind = 'step' AND state IN ('scheduled', 'held') ORDER BY due_at LIMIT 1
            """).first.map {
            (try $0.decode(Int64.self, "id"), try $0.decode(Int.self, "step"), try $0.decode(String.self, "state"),
             try $0.decode(Date.self, "due_at"))
        }
    }

    /// Moves the clock to the next scheduled step and runs it; returns the step's position and moment.
    @discardableResult
    func runNextStep() throws -> (position: Int, at: Date) {
        let next = try #require(try pendingStep(), "a step should be planned")
        try #require(next.state == "scheduled")
        try run(until: max(next.dueAt, now))
        return (next.position, max(next.dueAt, now))
    }

    /// Runs steps until the case reached `position`.
    func runSteps(through position: Int) throws {
        for _ in 0..<10 where Int(try caseValue("position") ?? "0") ?? 0 < position {
            try runNextStep()
        }
        try #require(try caseValue("position") == String(position))
    }

    /// Records a payment received today.
    func pay(_ amount: String, invoice: Int64? = nil) throws {
        try sql.query("INSERT INTO tenant_runner.payments (debtor_id, invoice_id, amount) VALUES ($1, $2, $3::numeric)",
                      [debtorID, invoice, amount])
    }

    /// The letters in the tenant's spool folder, by file name.
    func letters() throws -> [(name: String, text: String)] {
        let folder = URL(fileURLWithPath: spool).appendingPathComponent("runner")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { !$0.hasPrefix(".") && $0.hasSuffix(".txt") }
        return try names.sorted().map { name in
            (name, try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
    }

    /// The court files (JSON) the runner published.
    func courtFiles() throws -> [(name: String, json: [String: Any])] {
        let folder = URL(fileURLWithPath: spool).appendingPathComponent("runner")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { !$0.hasPrefix(".") && $0.hasSuffix(".json") }
        return try names.sorted().map { name in
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return (name, try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
        }
    }

    /// `claim_statement` of the debtor as of `day`.
    func claim(asOf day: CalendarDay) throws -> [[String: String?]] {
        try rows("""
            SELECT number, principal_outstanding, penalty, indemnity, total, days_late
            FROM tenant_runner.claim_statement($1, $2::date) ORDER BY due_on, invoice_id
            """, [debtorID, day.description])
    }

    /// The work cancelled for the debtor, with why, by kind.
    func cancelled(kind: String) throws -> [String] {
        try sql.query("SELECT last_error FROM tenant_runner.actions WHERE kind = $1 AND state = 'cancelled' ORDER BY id", [kind])
            .rows.map { try $0.decodeIfPresent(String.self, "last_error") ?? "" }
    }
}

/// An amount as the French templates write it.
func euros(_ text: String) -> String {
    Money(amount: Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!, currency: "EUR").formatted(.fr)
}

extension Array where Element == CapturedMessage {
    /// The first message whose decoded subject contains `text` (the mailbox's order is by file
    /// name, which is not always the order of arrival).
    func withSubject(_ text: String) -> CapturedMessage? {
        first { $0.decodedHeader("Subject")?.contains(text) == true }
    }

    /// The decoded subjects, for failure messages.
    var subjects: [String] { map { $0.decodedHeader("Subject") ?? "" } }
}
