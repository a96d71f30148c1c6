import Foundation

/// Plans the courtesy steps: friendly reminders before an invoice's due date.
enum CourtesyPlanner {
    /// For each invoice not yet due (due today or later), undisputed (and no dispute on the whole
    /// debtor), and each courtesy step whose conditions hold for that invoice's outstanding and
    /// that was not done yet: the due date plus the (negative) offset at the step's `sendAt`,
    /// moved into the channel's window and never before `now`. A step whose moment would fall
    /// after the due date is dropped: a courtesy reminder after the date would be a reminder.
    static func plan(_ situation: DebtorSituation, policy: CollectionPolicy?, view: OverdueView, now: Date,
                     calendar: ProcedureCalendar) -> [PlannedWork] {
        guard let policy, !situation.debtorDisputed else { return [] }
        var work: [PlannedWork] = []
        for invoice in view.upcoming where !invoice.disputed {
            for step in policy.steps where step.isCourtesy && step.applies(toCollectible: invoice.outstanding.amount) {
                let key = CourtesyKey(invoiceId: invoice.invoiceId, position: step.position)
                guard !situation.courtesyDone.contains(key) else { continue }
                let dueAt = calendar.moment(on: invoice.dueOn.adding(days: step.offsetDays), at: step.sendAt,
                                            channel: step.channel.deliveryChannel, notBefore: now)
                guard calendar.localDay(of: dueAt) <= invoice.dueOn else { continue }
                work.append(PlannedWork(key: .courtesy(invoiceId: invoice.invoiceId, position: step.position), stage: step.stage,
                                        channel: step.channel, template: step.template, dueAt: dueAt,
                                        requiresApproval: step.requiresApproval, invoiceIds: [invoice.invoiceId]))
            }
        }
        return work
    }
}
