import Foundation
import Testing
import RecouvreCore

/// Builders and readable renderings shared by the procedure tests.
enum ProcedureFixtures {
    static func calendar(_ zone: String = "Europe/Paris", alsaceMoselle: Bool = false) throws -> ProcedureCalendar {
        ProcedureCalendar(timeZone: try UTC.zone(zone), holidays: FrenchHolidays(alsaceMoselle: alsaceMoselle))
    }

    static func day(_ iso: String) throws -> CalendarDay {
        try #require(CalendarDay(iso: iso), "bad test day \(iso)")
    }

    static func money(_ text: String, _ currency: String = "EUR") throws -> Money {
        try #require(Money(parsing: text, currency: currency), "bad test amount \(text)")
    }

    /// An invoice issued 30 days before its due date, `outstanding` still owed of `amount`.
    static func invoice(_ id: Int64, due: String, outstanding: String = "1200.00", amount: String? = nil,
                        disputed: Bool = false, currency: String = "EUR") throws -> SituationInvoice {
        let dueOn = try day(due)
        return SituationInvoice(invoiceId: id, number: "F-\(id)", issuedOn: dueOn.adding(days: -30), dueOn: dueOn,
                                amount: try money(amount ?? outstanding, currency), outstanding: try money(outstanding, currency),
                                disputed: disputed)
    }

    /// A local wall-clock moment in the calendar's zone: `2026-04-07 09:00`.
    static func local(_ text: String, _ calendar: ProcedureCalendar) throws -> Date {
        let parts = text.split(separator: " ")
        let time = try #require(LocalTime(parsing: String(parts[1])), "bad test time \(text)")
        return calendar.instant(of: try day(String(parts[0])), at: time)
    }

    /// `2026-04-07 09:00` for `instant` in the calendar's zone.
    static func localText(_ instant: Date, _ calendar: ProcedureCalendar) -> String {
        let minutes = calendar.calendar(for: .email).localMinutes(of: instant)
        return "\(calendar.localDay(of: instant)) \(LocalTime(hour: minutes / 60, minute: minutes % 60)!)"
    }

    /// A work item as `2026-04-07 09:00 reminder1`, with ` (approval)` when it needs one.
    static func describe(_ work: PlannedWork, _ calendar: ProcedureCalendar) -> String {
        localText(work.dueAt, calendar) + " " + work.template + (work.requiresApproval ? " (approval)" : "")
    }

    /// A timeline entry as `2026-04-07 09:00 reminder1`, `… case opened business`, `… promise broken`.
    static func describe(_ entry: TimelineEntry, _ calendar: ProcedureCalendar) -> String {
        let when = localText(entry.at, calendar)
        switch entry.kind {
        case .work(let work): return describe(work, calendar)
        case .caseOpened(let policy): return "\(when) case opened \(policy)"
        case .caseClosed(let reason): return "\(when) case closed \(reason.rawValue)"
        case .promiseKept: return "\(when) promise kept"
        case .promiseBroken: return "\(when) promise broken"
        case .planCompleted: return "\(when) plan completed"
        case .planBroken(let missed): return "\(when) plan broken at instalment \(missed)"
        }
    }
}
