import Testing
import RecouvreCore

@Suite struct FrenchHolidaysTests {
    private func day(_ iso: String) throws -> CalendarDay { try #require(CalendarDay(iso: iso)) }

    @Test func easterSundays() throws {
        #expect(FrenchHolidays.easterSunday(2025) == (try day("2025-04-20")))
        #expect(FrenchHolidays.easterSunday(2026) == (try day("2026-04-05")))
        #expect(FrenchHolidays.easterSunday(2027) == (try day("2027-03-28")))
        #expect(FrenchHolidays.easterSunday(2038) == (try day("2038-04-25")))
    }

    @Test(arguments: [
        (2025, ["2025-01-01", "2025-04-21", "2025-05-01", "2025-05-08", "2025-05-29", "2025-06-09",
                "2025-07-14", "2025-08-15", "2025-11-01", "2025-11-11", "2025-12-25"]),
        (2026, ["2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25",
                "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25"]),
        (2027, ["2027-01-01", "2027-03-29", "2027-05-01", "2027-05-06", "2027-05-08", "2027-05-17",
                "2027-07-14", "2027-08-15", "2027-11-01", "2027-11-11", "2027-12-25"]),
    ])
    func nationalHolidays(_ year: Int, _ expected: [String]) throws {
        let holidays = FrenchHolidays()
        let table = holidays.holidays(in: year)
        #expect(Set(table.keys.map(\.description)) == Set(expected))
        for iso in expected {
            #expect(holidays.contains(try day(iso)), "\(iso)")
        }
        // The fast path agrees with the table on every day of the year.
        var current = CalendarDay(year: year, month: 1, day: 1)
        while current.year == year {
            #expect(holidays.name(of: current) == table[current], "\(current)")
            current = current.adding(days: 1)
        }
    }

    @Test func namesTheEasterDays() throws {
        let holidays = FrenchHolidays()
        #expect(holidays.name(of: try day("2026-04-06")) == "Lundi de Pâques")
        #expect(holidays.name(of: try day("2026-05-14")) == "Ascension")
        #expect(holidays.name(of: try day("2026-05-25")) == "Lundi de Pentecôte")
        #expect(holidays.name(of: try day("2026-04-05")) == nil)
        #expect(!holidays.contains(try day("2026-04-03")))
        #expect(!holidays.contains(try day("2026-12-26")))
    }

    @Test func alsaceMoselleAddsGoodFridayAndSaintStephen() throws {
        let holidays = FrenchHolidays(alsaceMoselle: true)
        #expect(holidays.name(of: try day("2026-04-03")) == "Vendredi saint")
        #expect(holidays.name(of: try day("2026-12-26")) == "Saint-Étienne")
        #expect(holidays.contains(try day("2025-04-18")))
        #expect(holidays.contains(try day("2027-03-26")))
        #expect(holidays.holidays(in: 2026).count == 13)
        #expect(holidays.contains(try day("2026-05-14")))
    }
}
