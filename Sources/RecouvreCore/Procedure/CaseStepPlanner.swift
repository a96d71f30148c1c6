import Foundation

/// Chooses and times the next step of a case.
enum CaseStepPlanner {
    /// The next step after `position`: the first later step that is not a courtesy step and
    /// whose amount conditions hold for `total`. Steps whose conditions fail are passed over
    /// (e.g. small claims above €5,000, an agency below).
    static func nextStep(after position: Int, in policy: CollectionPolicy, total: Decimal) -> PolicyStep? {
        policy.steps.first { $0.position > position && !$0.isCourtesy && $0.applies(toCollectible: total) }
    }

    /// The next step of a case at `position` (0 for a case being opened), as planned work.
    ///
    /// Its local day is the later of
    /// - the anchor (earliest collectible due date) plus the step's offset, and
    /// - the day of the last step plus the difference between the two steps' offsets, when the
    ///   last step was a case step: after a pause (a promise, a plan, a dispute) collection
    ///   resumes where it was and keeps the policy's spacing instead of firing every late step
    ///   at once.
    /// On that day it goes at the step's `sendAt`, moved to its channel's next sending moment
    /// and never before `now`. An expedited case (a collector asked to escalate) gets its next
    /// step at the channel's next moment from `now`.
    static func plan(case openCase: OpenCase?, policy: CollectionPolicy, view: OverdueView, now: Date,
                     calendar: ProcedureCalendar) -> PlannedWork? {
        guard let anchor = view.anchor else { return nil }
        let position = openCase?.position ?? 0
        guard let step = nextStep(after: position, in: policy, total: view.conditionTotal) else { return nil }
        let channel = step.channel.deliveryChannel
        let dueAt: Date
        if openCase?.expedite == true {
            dueAt = calendar.nextMoment(on: channel, atOrAfter: now)
        } else {
            let day = plannedDay(of: step, anchor: anchor, after: openCase, policy: policy, calendar: calendar)
            dueAt = calendar.moment(on: day, at: step.sendAt, channel: channel, notBefore: now)
        }
        return PlannedWork(key: .step(position: step.position), stage: step.stage, channel: step.channel, template: step.template,
                           dueAt: dueAt, requiresApproval: step.requiresApproval, invoiceIds: view.collectibleIds)
    }

    private static func plannedDay(of step: PolicyStep, anchor: CalendarDay, after openCase: OpenCase?, policy: CollectionPolicy,
                                   calendar: ProcedureCalendar) -> CalendarDay {
        let fromAnchor = anchor.adding(days: step.offsetDays)
        guard let openCase, openCase.position > 0, let lastStepAt = openCase.lastStepAt,
              let previous = policy.step(at: openCase.position), !previous.isCourtesy else { return fromAnchor }
        let fromLast = calendar.localDay(of: lastStepAt).adding(days: step.offsetDays - previous.offsetDays)
        return max(fromAnchor, fromLast)
    }
}
