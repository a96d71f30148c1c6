import Foundation

/// Decides what became of a running promise or payment plan, and what it asks for meanwhile.
enum NegotiationEvaluator {
    /// A promise's state on `today`.
    enum PromiseState: Equatable {
        /// Paid as promised, or nothing is overdue any more.
        case kept
        /// The promised day plus grace has passed without the money.
        case broken
        /// Still running: case steps wait until `reviewAt`.
        case running(reviewAt: Date)
    }

    /// A plan's state on `today`.
    enum PlanState: Equatable {
        /// Every instalment is paid, or nothing is overdue any more.
        case completed
        /// Instalment `missed` is unpaid past its due date plus grace.
        case broken(missed: Int)
        /// In force: `work` are the reminders of the first unpaid instalment; look again at `reviewAt`.
        case running(work: [PlannedWork], reviewAt: Date)
    }

    /// A promise is kept when what was paid since it was made covers the amount, or when nothing
    /// overdue remains; broken once the local day is past `promisedOn + graceDays`.
    static func evaluate(_ promise: OpenPromise, view: OverdueView, today: CalendarDay, calendar: ProcedureCalendar) -> PromiseState {
        if promise.paidSince.amount >= promise.amount.amount || view.overdue.isEmpty { return .kept }
        let lastDay = promise.promisedOn.adding(days: promise.graceDays)
        if today > lastDay { return .broken }
        return .running(reviewAt: calendar.startOf(lastDay.adding(days: 1)))
    }

    /// Instalments are paid in order: instalment k is paid when the money paid since the plan
    /// was agreed covers instalments 1 through k. The first unpaid one gets a reminder three
    /// days before its due date (only while that moment is still ahead, and on or before the due
    /// date) and one the day after; it is missed once the local day is past its due date plus
    /// grace.
    static func evaluate(_ plan: ActivePlan, view: OverdueView, today: CalendarDay, now: Date,
                         calendar: ProcedureCalendar, done: Set<InstalmentReminderKey>) -> PlanState {
        if view.overdue.isEmpty { return .completed }
        guard let first = firstUnpaid(plan) else { return .completed }
        // Due dates increase, so if any unpaid instalment is missed, the first unpaid one is.
        if today > first.dueOn.adding(days: plan.graceDays) { return .broken(missed: first.number) }
        let work = reminders(of: first, plan: plan, view: view, now: now, calendar: calendar, done: done)
        return .running(work: work, reviewAt: calendar.startOf(first.dueOn.adding(days: plan.graceDays + 1)))
    }

    /// The first instalment the payments since the plan was agreed do not cover.
    static func firstUnpaid(_ plan: ActivePlan) -> PlanInstalment? {
        var covered = Decimal(0)
        for instalment in plan.instalments {
            covered += instalment.amount.amount
            if plan.paidSince.amount < covered { return instalment }
        }
        return nil
    }

    private static func reminders(of instalment: PlanInstalment, plan: ActivePlan, view: OverdueView, now: Date,
                                  calendar: ProcedureCalendar, done: Set<InstalmentReminderKey>) -> [PlannedWork] {
        var work: [PlannedWork] = []
        func add(_ kind: InstalmentReminderKind, _ dueAt: Date) {
            work.append(PlannedWork(key: .instalment(planId: plan.id, instalment: instalment.number, kind: kind), stage: .reminder,
                                    channel: .email, template: kind.rawValue, dueAt: dueAt, requiresApproval: false,
                                    invoiceIds: view.collectibleIds))
        }
        if !done.contains(InstalmentReminderKey(planId: plan.id, instalment: instalment.number, kind: .before)) {
            // Planned without `now`: a reminder before the date makes no sense once that moment is past.
            let before = calendar.moment(on: instalment.dueOn.adding(days: -3), at: .nine, channel: .email, notBefore: .distantPast)
            if before >= now && calendar.localDay(of: before) <= instalment.dueOn { add(.before, before) }
        }
        if !done.contains(InstalmentReminderKey(planId: plan.id, instalment: instalment.number, kind: .after)) {
            add(.after, calendar.moment(on: instalment.dueOn.adding(days: 1), at: .nine, channel: .email, notBefore: now))
        }
        return work
    }
}
