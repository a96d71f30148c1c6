import Foundation
import Testing
import RecouvreCore

@Suite struct CalendarDayTests {
    @Test func parsesAndPrintsISO() throws {
        let day = try #require(CalendarDay(iso: "2026-01-15"))
        #expect(day == CalendarDay(year: 2026, month: 1, day: 15))
        #expect(day.description == "2026-01-15")
        for bad in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-1-15", "20260115", "2026-01-1x", ""] {
            #expect(CalendarDay(iso: bad) == nil, "\(bad)")
        }
        #expect(CalendarDay(iso: "2024-02-29") != nil)
        #expect(CalendarDay.validated(year: 2026, month: 4, day: 31) == nil)
    }

    @Test func weekdaysAreISO() {
        #expect(CalendarDay(year: 1970, month: 1, day: 1).weekday == 4)
        #expect(CalendarDay(year: 2026, month: 1, day: 16).weekday == 5)
        #expect(CalendarDay(year: 2026, month: 1, day: 18).weekday == 7)
        #expect(CalendarDay(year: 2026, month: 1, day: 19).weekday == 1)
        #expect(CalendarDay(year: 1969, month: 12, day: 29).weekday == 1)
    }

    @Test func addsDaysAcrossMonthsYearsAndLeapDays() {
        let day = CalendarDay(year: 2024, month: 2, day: 28)
        #expect(day.adding(days: 1) == CalendarDay(year: 2024, month: 2, day: 29))
        #expect(day.adding(days: 2) == CalendarDay(year: 2024, month: 3, day: 1))
        #expect(CalendarDay(year: 2025, month: 12, day: 31).adding(days: 1) == CalendarDay(year: 2026, month: 1, day: 1))
        #expect(CalendarDay(year: 2026, month: 1, day: 1).adding(days: -1) == CalendarDay(year: 2025, month: 12, day: 31))
        #expect(day.days(to: CalendarDay(year: 2025, month: 2, day: 28)) == 366)
    }

    @Test func agreesWithFoundationOverManyYears() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        for offset in stride(from: -40_000, through: 40_000, by: 97) {
            let date = Date(timeIntervalSince1970: TimeInterval(offset) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let day = CalendarDay(daysSinceEpoch: offset)
            #expect(day.year == parts.year && day.month == parts.month && day.day == parts.day)
            #expect(day.daysSinceEpoch == offset)
        }
    }

    @Test func ordersAndCodes() throws {
        let a = CalendarDay(year: 2026, month: 1, day: 31)
        let b = CalendarDay(year: 2026, month: 2, day: 1)
        #expect(a < b)
        #expect(!(b < a))
        let data = try JSONEncoder().encode(["due": a])
        #expect(String(decoding: data, as: UTF8.self) == "{\"due\":\"2026-01-31\"}")
        #expect(try JSONDecoder().decode([String: CalendarDay].self, from: data)["due"] == a)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDay].self, from: Data("[\"31/01/2026\"]".utf8))
        }
    }
}
