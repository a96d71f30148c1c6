import Foundation
import Testing
import RecouvreCore

@Suite struct LegalHalfYearTests {
    private func day(_ iso: String) throws -> CalendarDay { try LegalFixtures.day(iso) }

    @Test(arguments: [
        ("2025-01-01", 2025, 1), ("2025-06-30", 2025, 1), ("2025-07-01", 2025, 2), ("2025-12-31", 2025, 2), ("2024-02-29", 2024, 1),
    ])
    func containsTheRightDays(_ iso: String, _ year: Int, _ half: Int) throws {
        #expect(HalfYear(containing: try day(iso)) == HalfYear(year: year, half: half))
    }

    @Test func boundsAndDescription() throws {
        let first = HalfYear(year: 2025, half: 1)
        let second = HalfYear(year: 2025, half: 2)
        #expect(first.firstDay == (try day("2025-01-01")))
        #expect(first.lastDay == (try day("2025-06-30")))
        #expect(second.firstDay == (try day("2025-07-01")))
        #expect(second.lastDay == (try day("2025-12-31")))
        #expect(second.description == "H2 2025")
        #expect(first.next == second && second.next == HalfYear(year: 2026, half: 1))
        #expect(first < second && second < HalfYear(year: 2026, half: 1))
        #expect(HalfYear.validated(year: 2025, half: 3) == nil)
        #expect(HalfYear.validated(year: 2025, half: 2) == second)
    }

    @Test(arguments: [
        ("2024-02-29", 1, "2025-02-28"),
        ("2024-02-29", 2, "2026-02-28"),
        ("2024-02-29", 4, "2028-02-29"),
        ("2025-06-20", 5, "2030-06-20"),
        ("2025-12-31", 2, "2027-12-31"),
    ])
    func addsYearsCalendarCorrectly(_ from: String, _ years: Int, _ expected: String) throws {
        #expect(try day(from).adding(years: years) == (try day(expected)))
    }

    @Test func decodesOnlyRealHalves() throws {
        let decoded = try JSONDecoder().decode(HalfYear.self, from: Data(#"{"year":2025,"half":2}"#.utf8))
        #expect(decoded == HalfYear(year: 2025, half: 2))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(HalfYear.self, from: Data(#"{"year":2025,"half":3}"#.utf8)) }
        let encoded = try JSONEncoder().encode(decoded)
        #expect(try JSONDecoder().decode(HalfYear.self, from: encoded) == decoded)
    }
}
