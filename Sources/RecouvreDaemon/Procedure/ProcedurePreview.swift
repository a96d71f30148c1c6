import ControlProtocol
import Foundation
import Logging
import Postgres
import RecouvreCore
import RecouvreStore

/// The timeline `recouvrectl plan` prints: what the daemon would do for each debtor if nobody
/// paid, computed by the planner the daemon runs (`CollectionPlanner.timeline`) from the
/// situation in the database, sending and writing nothing.
struct ProcedurePreview {
    /// Debtors shown when no debtor is named.
    static let debtorLimit = 100
    /// Days shown when no end is given.
    static let defaultDays = 180

    let review: DebtorReview

    func preview(_ c: PostgresConnection, debtorRef: String?, asOf: CalendarDay?, until: CalendarDay?, now: Date) throws -> PreviewPlanReply {
        let schema = review.tenant.slug.quotedSchema
        let rows = try c.query("""
            SELECT id FROM \(schema).debtors d
            WHERE ($1::text IS NULL AND EXISTS (SELECT 1 FROM \(schema).invoice_balances b
                                                 WHERE b.debtor_id = d.id AND b.outstanding > 0))
               OR d.external_ref = $1
            ORDER BY external_ref
            LIMIT $2
            """, [debtorRef, Self.debtorLimit + 1]).rows
        let ids = try rows.map { try $0.decode(Int64.self, "id") }
        if let debtorRef, ids.isEmpty {
            throw NotFoundError(what: "debtor", key: debtorRef)
        }
        var timelines: [DebtorTimeline] = []
        // Read-only, and under the debtors' locks like a review, so the picture is consistent;
        // rolled back, so nothing is ever written.
        try c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { _ = try? c.query("ROLLBACK") }
        for id in ids.prefix(Self.debtorLimit) {
            guard let debtor = try review.situations.debtor(c, id: id) else { continue }
            timelines.append(try timeline(c, debtor: debtor, asOf: asOf, until: until, now: now))
        }
        return PreviewPlanReply(debtors: timelines, truncated: ids.count > Self.debtorLimit)
    }

    private func timeline(_ c: PostgresConnection, debtor: DebtorRecord, asOf: CalendarDay?, until: CalendarDay?,
                          now: Date) throws -> DebtorTimeline {
        let zone = review.zone(of: debtor)
        let calendar = review.configuration.calendar.procedureCalendar(in: zone)
        // From the start of the day asked for, or from now when it is today.
        let start = asOf.map { day in day == calendar.localDay(of: now) ? now : calendar.startOf(day) } ?? now
        let context = try review.context(c, debtor: debtor, now: start)
        let lastDay = until ?? calendar.localDay(of: start).adding(days: Self.defaultDays)
        let end = calendar.startOf(lastDay.adding(days: 1)).addingTimeInterval(-1)
        let entries = CollectionPlanner.timeline(context.situation, policy: context.policy, now: start, until: end, calendar: calendar)
        let numbers = Dictionary(context.situation.invoices.map { ($0.invoiceId, $0.number) }, uniquingKeysWith: { a, _ in a })
        var lines: [TimelineLine] = []
        for entry in entries {
            let local = Self.localText(entry.at, calendar: calendar)
            let principal = entry.collectible.map(\.plainText)
            var line = TimelineLine(at: entry.at.formatted(.iso8601), local: local, event: "", principal: principal)
            switch entry.kind {
            case .work(let work):
                switch work.key {
                case .step(let position): line.event = "step"; line.position = position
                case .courtesy(_, let position): line.event = "courtesy"; line.position = position
                case .instalment(_, let number, let kind): line.event = kind.rawValue; line.position = number
                }
                line.stage = work.stage.rawValue
                line.channel = work.channel.rawValue
                line.template = work.template
                line.requiresApproval = work.requiresApproval
                line.invoices = work.invoiceIds.compactMap { numbers[$0] }
                // What the work is about (a courtesy reminder's invoice is not collectible yet).
                let wanted = Set(work.invoiceIds)
                line.principal = Self.sums(context.situation.invoices.filter { wanted.contains($0.invoiceId) }.map(\.outstanding))
                if work.stage >= .formalNotice {
                    let wanted = Set(work.invoiceIds)
                    let claim = try review.work.claimStatement(c, debtorID: debtor.id, asOf: calendar.localDay(of: entry.at))
                        .filter { wanted.contains($0.invoiceId) }
                    line.claimTotal = Self.sums(claim.map(\.total))
                }
            case .caseOpened(let policy): line.event = "case_opened"; line.detail = policy
            case .caseClosed(let reason): line.event = "case_closed"; line.detail = reason.rawValue
            case .promiseKept: line.event = "promise_kept"
            case .promiseBroken: line.event = "promise_broken"
            case .planCompleted: line.event = "plan_completed"
            case .planBroken(let missed): line.event = "plan_broken"; line.detail = "instalment \(missed) missed"
            }
            lines.append(line)
        }
        return DebtorTimeline(debtor: debtor.externalRef, name: debtor.name, policy: context.policy?.name,
                              timeZone: zone.identifier, entries: lines)
    }

    private static func sums(_ amounts: [Money]) -> [String] {
        Money.totals(amounts).map(\.plainText)
    }

    static func localText(_ instant: Date, calendar: ProcedureCalendar) -> String {
        let day = calendar.localDay(of: instant)
        let minutes = calendar.calendar(for: .email).localMinutes(of: instant)
        let time = LocalTime(hour: minutes / 60, minute: minutes % 60).map(\.description) ?? "00:00"
        return "\(day) \(time)"
    }
}
