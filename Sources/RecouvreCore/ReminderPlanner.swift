import Foundation

/// Decides when the reminders of a policy go out.
public enum ReminderPlanner {
    /// The first reminder for an invoice due on `dueOn`.
    ///
    /// It goes out at the policy's send time on the first sending day at least
    /// `daysAfterPrevious` days after the due date, and never before `now`: a moment already
    /// past becomes the next sending moment from `now`. Nil when the policy has no step.
    public static func firstReminder(dueOn: CalendarDay, policy: ReminderPolicy, calendar: SendingCalendar, now: Date) -> PlannedReminder? {
        guard let step = policy.steps.first else { return nil }
        return plan(step, from: dueOn, policy: policy, calendar: calendar, now: now)
    }

    /// The reminder that follows step `step`, which was sent at `sentAt`; nil when the policy has
    /// no further step.
    public static func reminder(after step: Int, sentAt: Date, policy: ReminderPolicy, calendar: SendingCalendar, now: Date) -> PlannedReminder? {
        guard let index = policy.steps.firstIndex(where: { $0.number == step }), index + 1 < policy.steps.count else {
            return nil
        }
        return plan(policy.steps[index + 1], from: calendar.localDay(of: sentAt), policy: policy, calendar: calendar, now: now)
    }

    private static func plan(_ step: ReminderStep, from day: CalendarDay, policy: ReminderPolicy, calendar: SendingCalendar, now: Date) -> PlannedReminder {
        let sendDay = calendar.firstSendingDay(onOrAfter: day.adding(days: step.daysAfterPrevious))
        let planned = calendar.instant(of: sendDay, hour: policy.sendHour, minute: policy.sendMinute)
        // Also keeps a send time set outside the window inside it.
        let dueAt = calendar.nextSendingMoment(atOrAfter: max(planned, now))
        return PlannedReminder(step: step.number, template: step.template, dueAt: dueAt)
    }
}
