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
    /// days before its due date (or as soon as allowed, as long as that is before the due date)
    /// and one the day after; it is missed once the local day is past its due date plus
    /// grace, and never before the day its reminder after the date could go out has ended, so
    /// that the debtor is always warned before the plan breaks.
    static func evaluate(_ plan: ActivePlan, view: OverdueView, today: CalendarDay, now: Date,
                         calendar: ProcedureCalendar, done: Set<InstalmentReminderKey>) -> PlanState {
        if view.overdue.isEmpty { return .completed }
        guard let first = firstUnpaid(plan) else { return .completed }
        // Due dates increase, so if any unpaid instalment is missed, the first unpaid one is.
        let lastDay = lastDayOfGrace(first, plan: plan, calendar: calendar)
        if today > lastDay { return .broken(missed: first.number) }
        let work = reminders(of: first, plan: plan, view: view, now: now, calendar: calendar, done: done)
        return .running(work: work, reviewAt: calendar.startOf(lastDay.adding(days: 1)))
    }

    /// The last day an unpaid instalment is waited for: its due date plus grace, or, when later,
    /// the day its reminder after the date goes out (a weekend or a holiday after the due date).
    static func lastDayOfGrace(_ instalment: PlanInstalment, plan: ActivePlan, calendar: ProcedureCalendar) -> CalendarDay {
        let after = calendar.moment(on: instalment.dueOn.adding(days: 1), at: .nine, channel: .email, notBefore: .distantPast)
        return max(instalment.dueOn.adding(days: plan.graceDays), calendar.localDay(of: after))
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
            // Late (a plan agreed two days before its first date, a daemon that was stopped, a run
            // a moment after 09:00) it still goes, as long as it goes before the due date.
            let before = calendar.moment(on: instalment.dueOn.adding(days: -3), at: .nine, channel: .email, notBefore: now)
            if calendar.localDay(of: before) < instalment.dueOn { add(.before, before) }
        }
        if !done.contains(InstalmentReminderKey(planId: plan.id, instalment: instalment.number, kind: .after)) {
            add(.after, calendar.moment(on: instalment.dueOn.adding(days: 1), at: .nine, channel: .email, notBefore: now))
        }
        return work
    }
}

extension ActivePlan {
    /// The first instalment what was paid since the plan was agreed does not cover; nil when
    /// every instalment is paid.
    public var firstUnpaidInstalment: PlanInstalment? { NegotiationEvaluator.firstUnpaid(self) }
}
