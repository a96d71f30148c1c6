import Foundation
import Testing
import RecouvreCore

@Suite struct SendingCalendarTests {
    private func paris() throws -> SendingCalendar { SendingCalendar(timeZone: try UTC.zone("Europe/Paris")) }
    private func day(_ iso: String) throws -> CalendarDay { try #require(CalendarDay(iso: iso)) }

    @Test func sendingDaysSkipWeekendsAndHolidays() throws {
        let calendar = try paris()
        #expect(calendar.isSendingDay(try day("2026-01-16")))
        #expect(!calendar.isSendingDay(try day("2026-01-17")))
        #expect(!calendar.isSendingDay(try day("2026-01-18")))
        #expect(!calendar.isSendingDay(try day("2026-04-06")))
        #expect(calendar.firstSendingDay(after: try day("2026-01-16")) == (try day("2026-01-19")))
        #expect(calendar.firstSendingDay(after: try day("2026-04-03")) == (try day("2026-04-07")))
        #expect(calendar.firstSendingDay(onOrAfter: try day("2026-04-07")) == (try day("2026-04-07")))
        #expect(calendar.firstSendingDay(onOrAfter: try day("2026-05-08")) == (try day("2026-05-11")))
        // Christmas Friday, then the weekend.
        #expect(calendar.firstSendingDay(after: try day("2026-12-24")) == (try day("2026-12-28")))
    }

    @Test func alsaceMoselleCalendarSkipsGoodFriday() throws {
        let calendar = SendingCalendar(timeZone: try UTC.zone("Europe/Paris"), holidays: FrenchHolidays(alsaceMoselle: true))
        #expect(!calendar.isSendingDay(try day("2026-04-03")))
        #expect(calendar.firstSendingDay(after: try day("2026-04-02")) == (try day("2026-04-07")))
    }

    @Test func wallClockInstantsAcrossDaylightSaving() throws {
        let calendar = try paris()
        #expect(calendar.instant(of: try day("2026-03-28"), hour: 9, minute: 0) == (try UTC.date("2026-03-28T08:00:00Z")))
        #expect(calendar.instant(of: try day("2026-03-30"), hour: 9, minute: 0) == (try UTC.date("2026-03-30T07:00:00Z")))
        // 02:30 does not exist on 29 March 2026 in Paris: it moves forward to 03:30 CEST.
        #expect(calendar.instant(of: try day("2026-03-29"), hour: 2, minute: 30) == (try UTC.date("2026-03-29T01:30:00Z")))
        #expect(calendar.instant(of: try day("2026-03-29"), hour: 3, minute: 0) == (try UTC.date("2026-03-29T01:00:00Z")))
        // 02:30 happens twice on 25 October 2026: the first one (CEST) is taken.
        #expect(calendar.instant(of: try day("2026-10-25"), hour: 2, minute: 30) == (try UTC.date("2026-10-25T00:30:00Z")))
        #expect(calendar.instant(of: try day("2026-10-26"), hour: 8, minute: 0) == (try UTC.date("2026-10-26T07:00:00Z")))
    }

    @Test func localDayFollowsTheZone() throws {
        let calendar = try paris()
        #expect(calendar.localDay(of: try UTC.date("2026-01-15T23:30:00Z")) == (try day("2026-01-16")))
        #expect(calendar.localDay(of: try UTC.date("2026-07-15T21:59:59Z")) == (try day("2026-07-15")))
        #expect(calendar.localDay(of: try UTC.date("2026-07-15T22:00:00Z")) == (try day("2026-07-16")))
        let newYork = SendingCalendar(timeZone: try UTC.zone("America/New_York"))
        #expect(newYork.localDay(of: try UTC.date("2026-01-16T03:00:00Z")) == (try day("2026-01-15")))
    }

    @Test func nextSendingMomentInsideAndOutsideTheWindow() throws {
        let calendar = try paris()
        let inside = try UTC.date("2026-01-15T10:17:42Z")
        #expect(calendar.nextSendingMoment(atOrAfter: inside) == inside)
        #expect(calendar.isInsideWindow(inside))
        #expect(calendar.nextSendingMoment(atOrAfter: try UTC.date("2026-01-15T05:00:00Z")) == (try UTC.date("2026-01-15T07:00:00Z")))
        // 19:00 local is the end of the window, excluded.
        #expect(calendar.nextSendingMoment(atOrAfter: try UTC.date("2026-01-15T18:00:00Z")) == (try UTC.date("2026-01-16T07:00:00Z")))
        #expect(calendar.nextSendingMoment(atOrAfter: try UTC.date("2026-01-15T17:59:59Z")) == (try UTC.date("2026-01-15T17:59:59Z")))
    }

    @Test func nextSendingMomentAcrossParisDaylightSaving() throws {
        let calendar = try paris()
        // Friday evening before the spring change → Monday 08:00 CEST.
        #expect(calendar.nextSendingMoment(atOrAfter: try UTC.date("2026-03-27T19:00:00Z")) == (try UTC.date("2026-03-30T06:00:00Z")))
        #expect(calendar.nextSendingMoment(atOrAfter: try UTC.date("2026-03-29T01:30:00Z")) == (try UTC.date("2026-03-30T06:00:00Z")))
        // Friday evening before the autumn change → Monday 08:00 CET.
        #expect(calendar.nextSendingMoment(atOrAfter: try UTC.date("2026-10-23T17:30:00Z")) == (try UTC.date("2026-10-26T07:00:00Z")))
        #expect(calendar.nextSendingMoment(atOrAfter: try UTC.date("2026-10-25T00:45:00Z")) == (try UTC.date("2026-10-26T07:00:00Z")))
    }

    @Test func nextSendingMomentForANewYorkDebtor() throws {
        let calendar = SendingCalendar(timeZone: try UTC.zone("America/New_York"))
        // Friday 6 March 2026 19:30 EST → Monday 9 March 08:00 EDT (the clocks changed on Sunday).
        #expect(calendar.nextSendingMoment(atOrAfter: try UTC.date("2026-03-07T00:30:00Z")) == (try UTC.date("2026-03-09T12:00:00Z")))
        // 07:00 EST on a Thursday → 08:00 EST.
        #expect(calendar.nextSendingMoment(atOrAfter: try UTC.date("2026-01-15T12:00:00Z")) == (try UTC.date("2026-01-15T13:00:00Z")))
        // Paris 16:00 is New York 10:00: inside.
        let afternoon = try UTC.date("2026-01-15T15:00:00Z")
        #expect(calendar.nextSendingMoment(atOrAfter: afternoon) == afternoon)
        // Autumn change, Sunday 1 November 2026.
        #expect(calendar.nextSendingMoment(atOrAfter: try UTC.date("2026-10-30T23:30:00Z")) == (try UTC.date("2026-11-02T13:00:00Z")))
    }

    @Test func customWindow() throws {
        let calendar = SendingCalendar(timeZone: try UTC.zone("Europe/Paris"), windowStart: (9, 30), windowEnd: (12, 0))
        #expect(calendar.windowStartMinutes == 570)
        #expect(calendar.nextSendingMoment(atOrAfter: try UTC.date("2026-01-15T11:00:00Z")) == (try UTC.date("2026-01-16T08:30:00Z")))
        #expect(calendar.localMinutes(of: try UTC.date("2026-01-16T08:30:00Z")) == 570)
    }
}

@Suite struct ConfiguredSendingCalendarTests {
    private func day(_ iso: String) throws -> CalendarDay { try #require(CalendarDay(iso: iso)) }

    @Test func chosenWeekdaysAndHolidays() throws {
        let zone = try UTC.zone("Europe/Paris")
        let saturdays = SendingCalendar(timeZone: zone, observesHolidays: false, weekdays: [6], windowStartMinutes: 600, windowEndMinutes: 720)
        #expect(saturdays.isSendingDay(try day("2026-01-17")))
        #expect(!saturdays.isSendingDay(try day("2026-01-16")))
        #expect(saturdays.firstSendingDay(after: try day("2026-01-17")) == (try day("2026-01-24")))
        #expect(saturdays.nextSendingMoment(atOrAfter: try UTC.date("2026-01-14T12:00:00Z")) == (try UTC.date("2026-01-17T09:00:00Z")))
        let ignoringHolidays = SendingCalendar(timeZone: zone, observesHolidays: false, weekdays: [1, 2, 3, 4, 5], windowStartMinutes: 480, windowEndMinutes: 1140)
        #expect(ignoringHolidays.isSendingDay(try day("2026-04-06")))
        let defaulted = SendingCalendar(timeZone: zone, observesHolidays: true, weekdays: [0, 9], windowStartMinutes: 900, windowEndMinutes: 600)
        #expect(defaulted.weekdays == [1, 2, 3, 4, 5])
        #expect(defaulted.windowEndMinutes == 901)
    }
}
