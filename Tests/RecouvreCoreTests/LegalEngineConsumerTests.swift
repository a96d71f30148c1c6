import Foundation
import Testing
import RecouvreCore

/// Worked examples for a consumer debtor (C. civ. 1231-6): legal interest (other cases, the
/// creditor being a professional) from the day after the formal notice; no penalty, no indemnity.
@Suite struct LegalEngineConsumerTests {
    private func day(_ iso: String) throws -> CalendarDay { try LegalFixtures.day(iso) }
    private func euros(_ text: String) throws -> Money { try LegalFixtures.euros(text) }
    private func decimal(_ text: String) throws -> Decimal { try LegalFixtures.decimal(text) }

    @Test func interestAtTheLegalRateFromTheFormalNotice() throws {
        // €1,000.00 due 2025-06-20; formal notice 2025-07-01; as of 2025-07-31:
        //   2–31 July, 30 days at 2.76 % (legal rate, other cases, H2 2025): 1000 × 0.0276 × 30 / 365 = 2.26849
        //   interest 2.27; no indemnity; total 1,002.27
        let terms = ClaimTerms(debtorKind: .consumer, formalNoticeOn: try day("2025-07-01"))
        let line = try LegalEngine.claim(try LegalFixtures.invoice("1000.00", due: "2025-06-20"), terms: terms, asOf: try day("2025-07-31"), rates: .published)
        #expect(line.periods.count == 1)
        #expect(line.periods.first?.from == (try day("2025-07-02")))
        #expect(line.periods.first?.days == 30)
        #expect(line.periods.first?.annualRate == (try decimal("2.76")))
        #expect(line.periods.first?.source == .legalRate)
        #expect(line.penalty == (try euros("2.27")))
        #expect(line.indemnity == (try euros("0")))
        #expect(line.total == (try euros("1002.27")))
        #expect(line.daysLate == 41)
    }

    @Test func noInterestWithoutAFormalNotice() throws {
        let terms = ClaimTerms(debtorKind: .consumer)
        let line = try LegalEngine.claim(try LegalFixtures.invoice("1000.00", due: "2025-06-20"), terms: terms, asOf: try day("2025-07-31"), rates: .published)
        #expect(line.periods.isEmpty)
        #expect(line.penalty == (try euros("0")))
        #expect(line.indemnity == (try euros("0")))
        #expect(line.total == (try euros("1000.00")))
        #expect(line.daysLate == 41)
    }

    @Test func contractualRateDoesNotApplyToAConsumer() throws {
        let terms = ClaimTerms(debtorKind: .consumer, contractualRate: try decimal("20"), formalNoticeOn: try day("2025-07-01"))
        let line = try LegalEngine.claim(try LegalFixtures.invoice("1000.00", due: "2025-06-20"), terms: terms, asOf: try day("2025-07-31"), rates: .published)
        #expect(line.penalty == (try euros("2.27")))
    }

    @Test func earlyFormalNoticeStartsNoInterestBeforeTheDueDate() throws {
        // Notice 2025-06-01, before the due date 2025-06-20: interest from 21 June.
        //   21–30 June, 10 days at 3.71 % (H1 2025): 1000 × 0.0371 × 10 / 365 = 1.01644
        //   1–10 July, 10 days at 2.76 % (H2 2025):  1000 × 0.0276 × 10 / 365 = 0.75616
        //   interest 1.77260 → 1.77
        let terms = ClaimTerms(debtorKind: .consumer, formalNoticeOn: try day("2025-06-01"))
        let line = try LegalEngine.claim(try LegalFixtures.invoice("1000.00", due: "2025-06-20"), terms: terms, asOf: try day("2025-07-10"), rates: .published)
        #expect(line.periods.map(\.from) == [try day("2025-06-21"), try day("2025-07-01")])
        #expect(line.periods.map(\.annualRate) == [try decimal("3.71"), try decimal("2.76")])
        #expect(line.penalty == (try euros("1.77")))
    }

    @Test func consumerPrescriptionIsTwoYears() throws {
        let terms = ClaimTerms(debtorKind: .consumer)
        let line = try LegalEngine.claim(try LegalFixtures.invoice("1000.00", due: "2025-06-20"), terms: terms, asOf: try day("2025-07-31"), rates: .published)
        #expect(line.prescriptionEndsOn == (try day("2027-06-20")))
    }
}
