import Foundation
import Testing
import RecouvreCore

@Suite struct LegalRateTableTests {
    private func decimal(_ text: String) throws -> Decimal { try LegalFixtures.decimal(text) }

    @Test(arguments: [
        (2024, 1, "4.50", "8.01", "5.07", "14.50", "15.21"),
        (2024, 2, "4.25", "8.16", "4.92", "14.25", "14.76"),
        (2025, 1, "3.15", "7.21", "3.71", "13.15", "11.13"),
        (2025, 2, "2.15", "6.65", "2.76", "12.15", "8.28"),
        (2026, 1, "2.15", "6.67", "2.62", "12.15", "7.86"),
    ])
    func shipsThePublishedValues(_ year: Int, _ half: Int, _ ecb: String, _ consumerCreditor: String, _ other: String, _ penalty: String, _ floor: String) throws {
        let rates = try LegalRateTable.published.rates(for: HalfYear(year: year, half: half))
        #expect(rates.ecbRate == (try decimal(ecb)))
        #expect(rates.legalRateConsumerCreditor == (try decimal(consumerCreditor)))
        #expect(rates.legalRateOtherCases == (try decimal(other)))
        // Penalty rate = ECB + 10 points; floor = 3 × legal rate (other cases).
        #expect(rates.latePaymentRate == (try decimal(penalty)))
        #expect(rates.contractualFloor == (try decimal(floor)))
    }

    @Test func publishedCoversExactlyFiveHalfYears() {
        #expect(LegalRateTable.published.halfYears == [
            HalfYear(year: 2024, half: 1), HalfYear(year: 2024, half: 2), HalfYear(year: 2025, half: 1),
            HalfYear(year: 2025, half: 2), HalfYear(year: 2026, half: 1),
        ])
    }

    @Test func missingHalfYearSaysWhatToAdd() throws {
        let missing = HalfYear(year: 2026, half: 2)
        #expect(throws: MissingLegalRate(halfYear: missing)) { try LegalRateTable.published.rates(for: missing) }
        let message = MissingLegalRate(halfYear: missing).description
        #expect(message.contains("add the rates of H2 2026 to the rate table"))
        #expect(message.contains("1 July 2026"))
    }

    @Test func opsRowsExtendAndReplace() throws {
        let h2 = HalfYear(year: 2026, half: 2)
        let added = LegalRates(ecbRate: try decimal("2.00"), legalRateConsumerCreditor: try decimal("6.50"), legalRateOtherCases: try decimal("2.50"))
        let table = LegalRateTable.published.adding(added, for: h2)
        #expect(try table.rates(for: h2) == added)
        #expect(try table.rates(for: h2).latePaymentRate == (try decimal("12.00")))
        #expect(table.halfYears.count == 6)
        // The published table itself is unchanged: tables are values.
        #expect(LegalRateTable.published.entries[h2] == nil)
        let corrected = table.adding(added, for: HalfYear(year: 2024, half: 1))
        #expect(try corrected.rates(for: HalfYear(year: 2024, half: 1)).ecbRate == (try decimal("2.00")))
    }

    @Test func latestBeforeAHalfYear() {
        let table = LegalRateTable.published
        #expect(table.latest(before: HalfYear(year: 2027, half: 1))?.halfYear == HalfYear(year: 2026, half: 1))
        #expect(table.latest(before: HalfYear(year: 2024, half: 2))?.halfYear == HalfYear(year: 2024, half: 1))
        #expect(table.latest(before: HalfYear(year: 2024, half: 1)) == nil)
    }
}
