import Foundation
import Testing
import RecouvreCore

/// Worked examples for a business debtor (C. com. L441-10 II, D441-5). Interest per period is
/// balance × rate × days / 365, unrounded; the penalty is the sum rounded once to the cent.
@Suite struct LegalEngineBusinessTests {
    private let business = ClaimTerms(debtorKind: .business)
    private func day(_ iso: String) throws -> CalendarDay { try LegalFixtures.day(iso) }
    private func euros(_ text: String) throws -> Money { try LegalFixtures.euros(text) }
    private func decimal(_ text: String) throws -> Decimal { try LegalFixtures.decimal(text) }

    private func claim(_ ledger: InvoiceLedger, asOf: String, terms: ClaimTerms? = nil) throws -> ClaimLine {
        try LegalEngine.claim(ledger, terms: terms ?? business, asOf: try day(asOf), rates: .published)
    }

    @Test func unpaidAcrossAHalfYearBoundary() throws {
        // €1,000.00 due 2025-06-20, unpaid, as of 2025-07-10:
        //   21–30 June, 10 days at 13.15 % (H1 2025: 3.15 + 10): 1000 × 0.1315 × 10 / 365 = 3.60274
        //   1–10 July, 10 days at 12.15 % (H2 2025: 2.15 + 10):  1000 × 0.1215 × 10 / 365 = 3.32877
        //   penalty 6.93151 → 6.93; indemnity 40; total 1000 + 6.93 + 40 = 1,046.93
        let line = try claim(try LegalFixtures.invoice("1000.00", due: "2025-06-20"), asOf: "2025-07-10")
        #expect(line.daysLate == 20)
        #expect(line.principalOutstanding == (try euros("1000.00")))
        #expect(line.periods.map(\.from) == [try day("2025-06-21"), try day("2025-07-01")])
        #expect(line.periods.map(\.to) == [try day("2025-06-30"), try day("2025-07-10")])
        #expect(line.periods.map(\.days) == [10, 10])
        #expect(line.periods.map(\.annualRate) == [try decimal("13.15"), try decimal("12.15")])
        #expect(line.periods.map(\.source) == [.ecbPlusTenPoints, .ecbPlusTenPoints])
        #expect(line.periods.map { LegalFixtures.rounded($0.interest, 5) } == [try decimal("3.60274"), try decimal("3.32877")])
        #expect(line.periods.allSatisfy { !$0.carriedForward })
        #expect(line.penalty == (try euros("6.93")))
        #expect(line.indemnity == (try euros("40")))
        #expect(line.total == (try euros("1046.93")))
        #expect(line.total.formatted(.en) == "€1,046.93")
        #expect(!line.usesCarriedForwardRates)
    }

    @Test func unpaidAcrossTheFirstRiseOfTheEcbRate() throws {
        // €1,000.00 due 2022-12-21, unpaid, as of 2023-01-10:
        //   22–31 Dec, 10 days at 10.00 % (H2 2022: ECB 0.00 on 1 July 2022 + 10): 1000 × 0.10 × 10 / 365 = 2.73973
        //   1–10 Jan, 10 days at 12.50 % (H1 2023: ECB 2.50 on 1 January 2023 + 10): 1000 × 0.125 × 10 / 365 = 3.42466
        //   penalty 6.16438 → 6.16; indemnity 40; total 1000 + 6.16 + 40 = 1,046.16
        let line = try claim(try LegalFixtures.invoice("1000.00", due: "2022-12-21"), asOf: "2023-01-10")
        #expect(line.daysLate == 20)
        #expect(line.periods.map(\.halfYear) == [HalfYear(year: 2022, half: 2), HalfYear(year: 2023, half: 1)])
        #expect(line.periods.map(\.days) == [10, 10])
        #expect(line.periods.map(\.annualRate) == [try decimal("10.00"), try decimal("12.50")])
        #expect(line.periods.map(\.source) == [.ecbPlusTenPoints, .ecbPlusTenPoints])
        #expect(line.periods.map { LegalFixtures.rounded($0.interest, 5) } == [try decimal("2.73973"), try decimal("3.42466")])
        #expect(line.penalty == (try euros("6.16")))
        #expect(line.indemnity == (try euros("40")))
        #expect(line.total == (try euros("1046.16")))
        #expect(!line.usesCarriedForwardRates)
    }

    @Test func roundsTheSumOnceNotEachPeriod() throws {
        // €110.00 due 2025-06-20, as of 2025-07-10:
        //   110 × 0.1315 × 10 / 365 = 0.39630; 110 × 0.1215 × 10 / 365 = 0.36616
        //   sum 0.76247 → 0.76 (rounding each period first would give 0.40 + 0.37 = 0.77)
        let line = try claim(try LegalFixtures.invoice("110.00", due: "2025-06-20"), asOf: "2025-07-10")
        #expect(line.penalty == (try euros("0.76")))
        #expect(line.total == (try euros("150.76")))
    }

    @Test func partialPaymentReducesTheBalanceFromTheNextDay() throws {
        // €1,000.00 due 2025-06-20; €400.00 received 2025-07-03; as of 2025-07-10:
        //   21–30 June, 10 days, 1000 at 13.15 %: 1000 × 0.1315 × 10 / 365 = 3.60274
        //   1–3 July, 3 days, 1000 at 12.15 % (3 July still on the old balance): 1000 × 0.1215 × 3 / 365 = 0.99863
        //   4–10 July, 7 days, 600 at 12.15 %: 600 × 0.1215 × 7 / 365 = 1.39808
        //   penalty 5.99945 → 6.00; principal 600; total 600 + 6.00 + 40 = 646.00
        let ledger = try LegalFixtures.invoice("1000.00", due: "2025-06-20", payments: [("2025-07-03", "400.00")])
        let line = try claim(ledger, asOf: "2025-07-10")
        #expect(line.periods.map(\.days) == [10, 3, 7])
        #expect(line.periods.map(\.balance) == [try euros("1000"), try euros("1000"), try euros("600")])
        #expect(line.periods.map { LegalFixtures.rounded($0.interest, 5) } == [try decimal("3.60274"), try decimal("0.99863"), try decimal("1.39808")])
        #expect(line.penalty == (try euros("6.00")))
        #expect(line.principalOutstanding == (try euros("600.00")))
        #expect(line.daysLate == 20)
        #expect(line.total == (try euros("646.00")))
    }

    @Test func reductionCountsLikeAPaymentForTheBalance() throws {
        // Same as above with a €400 reduction granted 2025-07-03 instead of a payment.
        let ledger = try LegalFixtures.invoice("1000.00", due: "2025-06-20", reductions: [("2025-07-03", "400.00")])
        let line = try claim(ledger, asOf: "2025-07-10")
        #expect(line.penalty == (try euros("6.00")))
        #expect(line.principalOutstanding == (try euros("600.00")))
        // A reduction is granted by the creditor: it is no acknowledgment (due + 5 years).
        #expect(line.prescriptionEndsOn == (try day("2030-06-20")))
    }

    @Test func contractualRateBelowTheFloorIsRaisedToThreeTimesTheLegalRate() throws {
        // Contract says 5 %; €2,000.00 due 2024-03-31, as of 2024-07-10:
        //   1 April–30 June, 91 days, floor 3 × 5.07 = 15.21 % (H1 2024): 2000 × 0.1521 × 91 / 365 = 75.84164
        //   1–10 July, 10 days, floor 3 × 4.92 = 14.76 % (H2 2024):       2000 × 0.1476 × 10 / 365 = 8.08767
        //   penalty 83.92932 → 83.93; total 2000 + 83.93 + 40 = 2,123.93
        let terms = ClaimTerms(debtorKind: .business, contractualRate: try decimal("5"))
        let line = try claim(try LegalFixtures.invoice("2000.00", due: "2024-03-31"), asOf: "2024-07-10", terms: terms)
        #expect(line.periods.map(\.annualRate) == [try decimal("15.21"), try decimal("14.76")])
        #expect(line.periods.map(\.source) == [.contractualFloor, .contractualFloor])
        #expect(line.periods.map(\.days) == [91, 10])
        #expect(line.penalty == (try euros("83.93")))
        #expect(line.total == (try euros("2123.93")))
    }

    @Test func contractualRateAboveTheFloorIsKept() throws {
        // Contract says 20 %; €1,000.00 due 2025-06-20, as of 2025-07-10; floors 11.13 % and 8.28 %:
        //   10 days + 10 days at 20 %: 1000 × 0.20 × 10 / 365 = 5.47945 each, sum 10.95890 → 10.96
        let terms = ClaimTerms(debtorKind: .business, contractualRate: try decimal("20"))
        let line = try claim(try LegalFixtures.invoice("1000.00", due: "2025-06-20"), asOf: "2025-07-10", terms: terms)
        #expect(line.periods.map(\.annualRate) == [try decimal("20"), try decimal("20")])
        #expect(line.periods.map(\.source) == [.contractual, .contractual])
        #expect(line.penalty == (try euros("10.96")))
        #expect(line.total == (try euros("1050.96")))
    }

    @Test func paidInFullLateStopsInterestButKeepsItAndTheIndemnity() throws {
        // €1,000.00 due 2025-06-20, paid in full 2025-06-30, as of 2025-07-10:
        //   21–30 June, 10 days at 13.15 %: 3.60274 → 3.60; nothing after 30 June
        //   principal 0; total 0 + 3.60 + 40 = 43.60; days late 30 − 20 = 10
        let ledger = try LegalFixtures.invoice("1000.00", due: "2025-06-20", payments: [("2025-06-30", "1000.00")])
        let line = try claim(ledger, asOf: "2025-07-10")
        #expect(line.periods.count == 1)
        #expect(line.periods.first?.to == (try day("2025-06-30")))
        #expect(line.principalOutstanding == (try euros("0")))
        #expect(line.daysLate == 10)
        #expect(line.penalty == (try euros("3.60")))
        #expect(line.indemnity == (try euros("40")))
        #expect(line.total == (try euros("43.60")))
    }

    @Test(arguments: ["2025-06-20", "2025-06-10"])
    func paidOnTimeOwesNothing(_ paidOn: String) throws {
        let ledger = try LegalFixtures.invoice("1000.00", due: "2025-06-20", payments: [(paidOn, "1000.00")])
        let line = try claim(ledger, asOf: "2025-07-10")
        #expect(line.daysLate == 0)
        #expect(line.periods.isEmpty)
        #expect(line.penalty == (try euros("0")))
        #expect(line.indemnity == (try euros("0")))
        #expect(line.total == (try euros("0")))
    }

    @Test func notYetDueOwesOnlyThePrincipal() throws {
        let line = try claim(try LegalFixtures.invoice("1000.00", due: "2025-06-20"), asOf: "2025-06-20")
        #expect(line.daysLate == 0 && line.periods.isEmpty)
        #expect(line.indemnity == (try euros("0")))
        #expect(line.total == (try euros("1000.00")))
    }

    @Test func paymentsAfterAsOfAreNotCounted() throws {
        // As of 2025-07-10 the payment of 2025-07-15 has not happened yet: same figures as unpaid.
        let ledger = try LegalFixtures.invoice("1000.00", due: "2025-06-20", payments: [("2025-07-15", "1000.00")])
        let line = try claim(ledger, asOf: "2025-07-10")
        #expect(line.principalOutstanding == (try euros("1000.00")))
        #expect(line.penalty == (try euros("6.93")))
        #expect(line.daysLate == 20)
    }

    @Test func overpaymentLeavesABalanceOfZero() throws {
        let ledger = try LegalFixtures.invoice("1000.00", due: "2025-06-20", payments: [("2025-06-30", "600.00"), ("2025-06-30", "600.00")])
        let line = try claim(ledger, asOf: "2025-07-10")
        #expect(line.principalOutstanding == (try euros("0")))
        #expect(line.penalty == (try euros("3.60")))
    }

    @Test func missingHalfYearFailsByDefault() throws {
        // €1,000.00 due 2026-06-25, as of 2026-07-05: 1–5 July 2026 has no published rates.
        let ledger = try LegalFixtures.invoice("1000.00", due: "2026-06-25")
        #expect(throws: MissingLegalRate(halfYear: HalfYear(year: 2026, half: 2))) {
            try LegalEngine.claim(ledger, terms: business, asOf: try day("2026-07-05"), rates: .published)
        }
        // Before the missing half-year starts, the claim is computed.
        #expect(try claim(ledger, asOf: "2026-06-30").periods.count == 1)
    }

    @Test func missingHalfYearCarriedForwardIsFlagged() throws {
        // Carried forward: H2 2026 uses H1 2026 (ECB 2.15 + 10 = 12.15 %):
        //   26–30 June, 5 days: 1000 × 0.1215 × 5 / 365 = 1.66438 (published)
        //   1–5 July, 5 days:   1000 × 0.1215 × 5 / 365 = 1.66438 (carried forward)
        //   penalty 3.32877 → 3.33
        let ledger = try LegalFixtures.invoice("1000.00", due: "2026-06-25")
        let terms = ClaimTerms(debtorKind: .business, missingRates: .carryForward)
        let line = try claim(ledger, asOf: "2026-07-05", terms: terms)
        #expect(line.periods.map(\.carriedForward) == [false, true])
        #expect(line.periods.map(\.halfYear) == [HalfYear(year: 2026, half: 1), HalfYear(year: 2026, half: 2)])
        #expect(line.periods.map(\.annualRate) == [try decimal("12.15"), try decimal("12.15")])
        #expect(line.usesCarriedForwardRates)
        #expect(line.penalty == (try euros("3.33")))
    }

    @Test func opsRowsReplaceTheCarriedForwardEstimate() throws {
        // Ops add H2 2026 with ECB 2.00 → 12.00 %:
        //   5 days at 12.15 %: 1.66438; 5 days at 12.00 %: 1000 × 0.12 × 5 / 365 = 1.64384; sum 3.30822 → 3.31
        let h2 = HalfYear(year: 2026, half: 2)
        let table = LegalRateTable.published.adding(
            LegalRates(ecbRate: try decimal("2.00"), legalRateConsumerCreditor: try decimal("6.50"), legalRateOtherCases: try decimal("2.50")), for: h2)
        let line = try LegalEngine.claim(try LegalFixtures.invoice("1000.00", due: "2026-06-25"), terms: business, asOf: try day("2026-07-05"), rates: table)
        #expect(!line.usesCarriedForwardRates)
        #expect(line.penalty == (try euros("3.31")))
    }

    @Test func nothingToCarryFromBeforeTheTableFails() throws {
        // The table starts with H1 2015: H2 2014 has nothing earlier to carry forward.
        let ledger = try LegalFixtures.invoice("1000.00", due: "2014-12-20")
        let terms = ClaimTerms(debtorKind: .business, missingRates: .carryForward)
        #expect(throws: MissingLegalRate(halfYear: HalfYear(year: 2014, half: 2))) {
            try LegalEngine.claim(ledger, terms: terms, asOf: try day("2015-01-10"), rates: .published)
        }
    }

    @Test func indemnityStaysInEurosForAnotherCurrency() throws {
        let ledger = try InvoiceLedger(invoiceId: 2, number: "F-USD", dueOn: try day("2025-06-20"), amount: try LegalFixtures.euros("1000.00").converted("USD"))
        let line = try claim(ledger, asOf: "2025-07-10")
        #expect(line.indemnity == (try euros("40")))
        #expect(line.penalty.currency == "USD")
        #expect(line.total == Money(amount: try decimal("1006.93"), currency: "USD"))
    }
}

private extension Money {
    /// The same figure in another currency, for the test above.
    func converted(_ currency: String) -> Money { Money(amount: amount, currency: currency) }
}
