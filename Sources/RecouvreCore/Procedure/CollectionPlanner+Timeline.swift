import Foundation

extension CollectionPlanner {
    /// The preview: what would happen from `now` until `until` if the debtor paid nothing more
    /// and every step needing approval were approved. At most 200 entries.
    ///
    /// It repeats `reconcile`: case, promise and plan changes are recorded and applied (a case
    /// being opened gets id 0; a broken promise or plan is dropped, so collection resumes; a
    /// closing case ends the preview). Then the earliest planned work is recorded and applied
    /// with `applying`, and time moves to just after it. When the debtor must be looked at again
    /// before that work (an invoice becoming overdue can change which steps apply), time moves
    /// to that review first. The preview ends when nothing is left before `until`.
    public static func timeline(_ situation: DebtorSituation, policy: CollectionPolicy?, now: Date, until: Date,
                                calendar: ProcedureCalendar) -> [TimelineEntry] {
        var simulation = TimelineSimulation(situation: situation, policy: policy, now: now, calendar: calendar)
        // Reviews that find nothing to do record no entry, so they are bounded separately.
        for _ in 0..<2_000 where simulation.entries.count < maximumTimelineEntries {
            guard simulation.advance(until: until) else { break }
        }
        return Array(simulation.entries.prefix(maximumTimelineEntries))
    }

    /// The longest preview.
    public static let maximumTimelineEntries = 200
}

/// The state of a preview in progress.
private struct TimelineSimulation {
    var situation: DebtorSituation
    let policy: CollectionPolicy?
    var now: Date
    let calendar: ProcedureCalendar
    var entries: [TimelineEntry] = []

    init(situation: DebtorSituation, policy: CollectionPolicy?, now: Date, calendar: ProcedureCalendar) {
        self.situation = situation
        self.policy = policy
        self.now = now
        self.calendar = calendar
    }

    /// One round; false when the preview is over.
    mutating func advance(until: Date) -> Bool {
        let answer = CollectionPlanner.reconcile(situation, policy: policy, now: now, calendar: calendar)
        if applyChanges(answer) { return !isClosed(answer) }
        let nextWork = answer.work.first { $0.dueAt <= until }
        if let review = answer.nextReviewAt, review <= until, nextWork.map({ review < $0.dueAt }) ?? true {
            now = max(review, now.addingTimeInterval(1))
            return true
        }
        guard let work = nextWork else { return false }
        record(.work(work), at: work.dueAt)
        situation = CollectionPlanner.applying(work, at: work.dueAt, to: situation)
        now = max(now, work.dueAt).addingTimeInterval(1)
        return true
    }

    private func isClosed(_ answer: Reconciliation) -> Bool {
        if case .close = answer.caseChange { return true }
        return false
    }

    /// Records and applies the changes `answer` asks for; false when there are none.
    private mutating func applyChanges(_ answer: Reconciliation) -> Bool {
        var changed = false
        switch answer.promiseChange {
        case .kept?: record(.promiseKept, at: now)
        case .broken?: record(.promiseBroken, at: now)
        case nil: break
        }
        if answer.promiseChange != nil {
            situation.promise = nil
            changed = true
        }
        switch answer.planChange {
        case .completed?: record(.planCompleted, at: now)
        case .broken(let missed)?: record(.planBroken(missedInstalment: missed), at: now)
        case nil: break
        }
        if answer.planChange != nil {
            situation.plan = nil
            changed = true
        }
        switch answer.caseChange {
        case .open(let name)?:
            record(.caseOpened(policy: name), at: now)
            situation.openCase = OpenCase(id: 0, policyName: name, openedAt: now)
            changed = true
        case .close(let reason)?:
            record(.caseClosed(reason), at: now)
            situation.openCase = nil
            changed = true
        case nil: break
        }
        return changed
    }

    private mutating func record(_ kind: TimelineEntry.Kind, at: Date) {
        let view = OverdueView(situation, today: calendar.localDay(of: at))
        entries.append(TimelineEntry(at: at, kind: kind, collectible: view.collectibleTotals))
    }
}
