import Foundation
import Testing
import RecouvreCore

@Suite struct LegalRateTableTests {
    private func decimal(_ text: String) throws -> Decimal { try LegalFixtures.decimal(text) }

    @Test(arguments: [
        (2015, 1, "0.05", "4.06", "0.93", "10.05", "2.79"),
        (2015, 2, "0.05", "4.29", "0.99", "10.05", "2.97"),
        (2016, 1, "0.05", "4.54", "1.01", "10.05", "3.03"),
        (2016, 2, "0.00", "4.35", "0.93", "10.00", "2.79"),
        (2017, 1, "0.00", "4.16", "0.90", "10.00", "2.70"),
        (2017, 2, "0.00", "3.94", "0.90", "10.00", "2.70"),
        (2018, 1, "0.00", "3.73", "0.89", "10.00", "2.67"),
        (2018, 2, "0.00", "3.60", "0.88", "10.00", "2.64"),
        (2019, 1, "0.00", "3.40", "0.86", "10.00", "2.58"),
        (2019, 2, "0.00", "3.26", "0.87", "10.00", "2.61"),
        (2020, 1, "0.00", "3.15", "0.87", "10.00", "2.61"),
        (2020, 2, "0.00", "3.11", "0.84", "10.00", "2.52"),
        (2021, 1, "0.00", "3.14", "0.79", "10.00", "2.37"),
        (2021, 2, "0.00", "3.12", "0.76", "10.00", "2.28"),
        (2022, 1, "0.00", "3.13", "0.76", "10.00", "2.28"),
        (2022, 2, "0.00", "3.15", "0.77", "10.00", "2.31"),
        (2023, 1, "2.50", "4.47", "2.06", "12.50", "6.18"),
        (2023, 2, "4.00", "6.82", "4.22", "14.00", "12.66"),
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

    @Test func publishedCoversEveryHalfYearFromH1_2015ToH1_2026() {
        // No gap: a gap would make a claim across it fail, or carry rates forward, for no reason.
        var expected: [HalfYear] = []
        for year in 2015...2025 { expected += [HalfYear(year: year, half: 1), HalfYear(year: year, half: 2)] }
        expected.append(HalfYear(year: 2026, half: 1))
        #expect(LegalRateTable.published.halfYears == expected)
        #expect(LegalRateTable.published.entries[HalfYear(year: 2014, half: 2)] == nil)
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
        #expect(table.halfYears.count == LegalRateTable.published.halfYears.count + 1)
        // The published table itself is unchanged: tables are values.
        #expect(LegalRateTable.published.entries[h2] == nil)
        let corrected = table.adding(added, for: HalfYear(year: 2024, half: 1))
        #expect(try corrected.rates(for: HalfYear(year: 2024, half: 1)).ecbRate == (try decimal("2.00")))
    }

    @Test func latestBeforeAHalfYear() {
        let table = LegalRateTable.published
        #expect(table.latest(before: HalfYear(year: 2027, half: 1))?.halfYear == HalfYear(year: 2026, half: 1))
        #expect(table.latest(before: HalfYear(year: 2024, half: 2))?.halfYear == HalfYear(year: 2024, half: 1))
        #expect(table.latest(before: HalfYear(year: 2024, half: 1))?.halfYear == HalfYear(year: 2023, half: 2))
        #expect(table.latest(before: HalfYear(year: 2015, half: 1)) == nil)
    }
}
