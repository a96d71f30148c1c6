import Foundation
import Testing
import RecouvreCore

@Suite struct ReminderPlannerTests {
    private let policy = ReminderPolicy.default
    private func paris() throws -> SendingCalendar { SendingCalendar(timeZone: try UTC.zone("Europe/Paris")) }
    private func day(_ iso: String) throws -> CalendarDay { try #require(CalendarDay(iso: iso)) }

    @Test func defaultPolicyHasTwoEmailSteps() {
        #expect(policy.steps.map(\.number) == [1, 2])
        #expect(policy.steps.map(\.template) == ["reminder1", "reminder2"])
        #expect(policy.steps.map(\.daysAfterPrevious) == [1, 7])
        #expect(policy.sendHour == 9 && policy.sendMinute == 0)
        #expect(policy.step(2)?.template == "reminder2")
    }

    @Test func invoiceDueFridayIsRemindedMondayMorning() throws {
        let now = try UTC.date("2026-01-10T12:00:00Z")
        let planned = try #require(ReminderPlanner.firstReminder(dueOn: try day("2026-01-16"), policy: policy, calendar: try paris(), now: now))
        #expect(planned == PlannedReminder(step: 1, template: "reminder1", dueAt: try UTC.date("2026-01-19T08:00:00Z")))
    }

    @Test func easterMondayPushesTheReminderToTuesday() throws {
        let now = try UTC.date("2026-03-01T12:00:00Z")
        let planned = try #require(ReminderPlanner.firstReminder(dueOn: try day("2026-04-03"), policy: policy, calendar: try paris(), now: now))
        // Tuesday 7 April, 09:00 CEST.
        #expect(planned.dueAt == (try UTC.date("2026-04-07T07:00:00Z")))
    }

    @Test func secondStepSevenDaysLater() throws {
        let calendar = try paris()
        let sent = try UTC.date("2026-04-07T07:00:12Z")
        let next = try #require(ReminderPlanner.reminder(after: 1, sentAt: sent, policy: policy, calendar: calendar, now: sent))
        #expect(next == PlannedReminder(step: 2, template: "reminder2", dueAt: try UTC.date("2026-04-14T07:00:00Z")))
    }

    @Test func secondStepMovesOffHolidaysAndWeekends() throws {
        let calendar = try paris()
        // Thursday 7 May + 7 = Ascension → Friday 15 May.
        let ascension = try UTC.date("2026-05-07T07:00:00Z")
        #expect(ReminderPlanner.reminder(after: 1, sentAt: ascension, policy: policy, calendar: calendar, now: ascension)?.dueAt
            == (try UTC.date("2026-05-15T07:00:00Z")))
        // Friday 18 December + 7 = Christmas Friday → Monday 28 December, 09:00 CET.
        let christmas = try UTC.date("2026-12-18T08:00:00Z")
        #expect(ReminderPlanner.reminder(after: 1, sentAt: christmas, policy: policy, calendar: calendar, now: christmas)?.dueAt
            == (try UTC.date("2026-12-28T08:00:00Z")))
        // A step 1 sent after midnight in Paris (still Friday in UTC) counts from its local Saturday.
        let lateFriday = try UTC.date("2026-01-16T23:30:00Z")
        #expect(ReminderPlanner.reminder(after: 1, sentAt: lateFriday, policy: policy, calendar: calendar, now: lateFriday)?.dueAt
            == (try UTC.date("2026-01-26T08:00:00Z")))
    }

    @Test func noStepAfterTheLast() throws {
        let calendar = try paris()
        let now = try UTC.date("2026-04-14T07:00:00Z")
        #expect(ReminderPlanner.reminder(after: 2, sentAt: now, policy: policy, calendar: calendar, now: now) == nil)
        #expect(ReminderPlanner.reminder(after: 9, sentAt: now, policy: policy, calendar: calendar, now: now) == nil)
        #expect(ReminderPlanner.firstReminder(dueOn: try day("2026-01-16"), policy: ReminderPolicy(steps: []), calendar: calendar, now: now) == nil)
    }

    @Test func pastDueIsNeverPlannedInThePast() throws {
        let calendar = try paris()
        let due = try day("2026-01-02")
        let duringWindow = try UTC.date("2026-03-10T14:23:00Z")
        #expect(ReminderPlanner.firstReminder(dueOn: due, policy: policy, calendar: calendar, now: duringWindow)?.dueAt == duringWindow)
        let evening = try UTC.date("2026-03-10T20:00:00Z")
        #expect(ReminderPlanner.firstReminder(dueOn: due, policy: policy, calendar: calendar, now: evening)?.dueAt
            == (try UTC.date("2026-03-11T07:00:00Z")))
        let sentLongAgo = try UTC.date("2026-01-05T08:00:00Z")
        let next = ReminderPlanner.reminder(after: 1, sentAt: sentLongAgo, policy: policy, calendar: calendar, now: evening)
        #expect(next?.dueAt == (try UTC.date("2026-03-11T07:00:00Z")))
    }

    @Test func sendTimeOutsideTheWindowIsPulledIntoIt() throws {
        let early = ReminderPolicy(steps: [ReminderStep(number: 1, template: "reminder1", daysAfterPrevious: 1)], sendHour: 6, sendMinute: 0)
        let planned = ReminderPlanner.firstReminder(dueOn: try day("2026-01-16"), policy: early, calendar: try paris(), now: try UTC.date("2026-01-01T00:00:00Z"))
        #expect(planned?.dueAt == (try UTC.date("2026-01-19T07:00:00Z")))
    }
}
