import Foundation

/// Decides, for one debtor at one moment, what the collection procedure should have scheduled.
///
/// Pure: the situation, the policy, the moment and the calendar are all parameters, so the
/// daemon, the preview and the tests get the same answer for the same input.
public enum CollectionPlanner {
    /// The complete desired state of the debtor's procedure at `now`.
    ///
    /// The rules, in order (local days are read in `calendar.timeZone`):
    /// 1. An invoice is overdue when its due date is before today and something is owed on it.
    ///    The collectible invoices are the overdue ones not covered by a dispute; none while the
    ///    whole debtor is disputed.
    /// 2. A running promise is kept when the payments since it was made cover it or nothing
    ///    overdue remains, broken once today is past the promised day plus grace; while it runs,
    ///    no case step is planned and the debtor is reviewed the day after its last day.
    /// 3. An active plan is completed when every instalment is paid (or nothing overdue
    ///    remains), broken when an unpaid instalment is past its due date plus grace; while it
    ///    runs, its instalment reminders replace the case steps (none while the whole debtor is
    ///    disputed).
    /// 4. A debtor with something overdue and no case gets one opened (with `policy`'s name;
    ///    empty when no policy fits). A case with nothing overdue is closed: `promise_kept` or
    ///    `plan_completed` when that is what happened now, else `paid`. A debtor without an open
    ///    case after this only gets courtesy steps.
    /// 5. Unless a promise, a plan or a dispute on the whole debtor pauses it, the case gets its
    ///    next step (see `CaseStepPlanner`).
    /// 6. Invoices not yet due get their courtesy steps (see `CourtesyPlanner`).
    /// 7. An open task of the case past its deadline is reported once, with its step's
    ///    `whenOverdue` rule; `escalate` makes the case's next step due at once, as a collector's
    ///    `escalate` outcome does (see `OverdueTaskEvaluator`).
    /// 8. `nextReviewAt` is the earliest of the promise's and plan's deadlines, the open tasks'
    ///    deadlines and the first midnight on which an invoice not yet due becomes overdue.
    ///
    /// `policy` is the policy selected for the debtor; nil plans no work but still opens and
    /// closes the case.
    public static func reconcile(_ situation: DebtorSituation, policy: CollectionPolicy?, now: Date,
                                 calendar: ProcedureCalendar) -> Reconciliation {
        let today = calendar.localDay(of: now)
        let view = OverdueView(situation, today: today)
        var result = Reconciliation()
        var reviews: [Date] = view.upcoming.map { calendar.startOf($0.dueOn.adding(days: 1)) }
        var paused = situation.debtorDisputed
        var planWork: [PlannedWork] = []

        if let promise = situation.promise {
            switch NegotiationEvaluator.evaluate(promise, view: view, today: today, calendar: calendar) {
            case .kept: result.promiseChange = .kept
            case .broken: result.promiseChange = .broken
            case .running(let reviewAt):
                paused = true
                reviews.append(reviewAt)
            }
        }
        if let plan = situation.plan {
            switch NegotiationEvaluator.evaluate(plan, view: view, today: today, now: now, calendar: calendar,
                                                 done: situation.instalmentRemindersDone) {
            case .completed: result.planChange = .completed
            case .broken(let missed): result.planChange = .broken(missedInstalment: missed)
            case .running(let work, let reviewAt):
                paused = true
                planWork = work
                reviews.append(reviewAt)
            }
        }

        result.caseChange = caseChange(situation, view: view, policy: policy, promise: result.promiseChange, plan: result.planChange)
        let caseOpen = situation.openCase != nil ? result.caseChange == nil : result.caseChange != nil
        var openCase = situation.openCase
        if caseOpen {
            let tasks = OverdueTaskEvaluator.evaluate(situation.openTasks, openCase: openCase, policy: policy, now: now)
            result.overdueTasks = tasks.overdue
            if let deadline = tasks.nextDeadline { reviews.append(deadline) }
            if tasks.overdue.contains(where: \.escalated) { openCase?.expedite = true }
        }
        var work = CourtesyPlanner.plan(situation, policy: policy, view: view, now: now, calendar: calendar)
        // A dispute on the whole debtor stops everything, instalment reminders included.
        if caseOpen && !situation.debtorDisputed {
            work += planWork
            if !paused, let policy,
               let step = CaseStepPlanner.plan(case: openCase, policy: policy, view: view, now: now, calendar: calendar) {
                work.append(step)
            }
        }
        result.work = work.sorted(by: Self.earlierFirst)
        result.nextReviewAt = reviews.min()
        return result
    }

    /// The situation after `work` was done at `at`: a step moves the case to its position and
    /// stage (and ends an expedite); a courtesy step or an instalment reminder is marked done.
    /// A step for a debtor without an open case changes nothing.
    public static func applying(_ work: PlannedWork, at: Date, to situation: DebtorSituation) -> DebtorSituation {
        var next = situation
        switch work.key {
        case .step(let position):
            guard var openCase = next.openCase else { return next }
            openCase.position = position
            openCase.lastStepAt = at
            openCase.stage = work.stage
            openCase.expedite = false
            next.openCase = openCase
        case .courtesy(let invoiceId, let position):
            next.courtesyDone.insert(CourtesyKey(invoiceId: invoiceId, position: position))
        case .instalment(let planId, let instalment, let kind):
            next.instalmentRemindersDone.insert(InstalmentReminderKey(planId: planId, instalment: instalment, kind: kind))
        }
        return next
    }

    private static func caseChange(_ situation: DebtorSituation, view: OverdueView, policy: CollectionPolicy?,
                                   promise: PromiseChange?, plan: PlanChange?) -> CaseChange? {
        switch (situation.openCase, view.overdue.isEmpty) {
        case (nil, false): return .open(policy: policy?.name ?? "")
        case (.some, true):
            if promise == .kept { return .close(reason: .promiseKept) }
            if plan == .completed { return .close(reason: .planCompleted) }
            return .close(reason: .paid)
        default: return nil
        }
    }

    /// By due moment, then by key, so equal moments always come out in the same order.
    static func earlierFirst(_ lhs: PlannedWork, _ rhs: PlannedWork) -> Bool {
        if lhs.dueAt != rhs.dueAt { return lhs.dueAt < rhs.dueAt }
        return lhs.key.sortKey.lexicographicallyPrecedes(rhs.key.sortKey)
    }
}

extension PlannedWorkKey {
    /// Orders keys: steps, then courtesy steps, then instalment reminders.
    var sortKey: [Int64] {
        switch self {
        case .step(let position): [0, Int64(position)]
        case .courtesy(let invoiceId, let position): [1, invoiceId, Int64(position)]
        case .instalment(let planId, let instalment, let kind):
            [2, planId, Int64(instalment), Int64(InstalmentReminderKind.allCases.firstIndex(of: kind)!)]
        }
    }
}
