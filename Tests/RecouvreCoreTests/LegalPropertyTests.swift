import Foundation
import Testing
import RecouvreCore

/// Properties checked over many generated invoices; the generator is seeded, so runs repeat.
@Suite struct LegalPropertyTests {
    private static let seeds: [UInt64] = [1, 7, 42, 2024, 0xC0FFEE]
    private static let casesPerSeed = 150
    /// The last day the published table covers; generated dates stay before it.
    private static let tableEnd = CalendarDay(year: 2026, month: 6, day: 30)

    private struct Case {
        let ledger: InvoiceLedger
        let terms: ClaimTerms
        let asOf: CalendarDay
    }

    private static func randomCase(_ random: inout LegalSeededGenerator) throws -> Case {
        // From the first published half-year (H1 2015) to late 2025, so that cases cross the
        // years of a zero ECB rate and the rises of 2022–2023.
        let start = CalendarDay(year: 2015, month: 1, day: 1)
        let due = start.adding(days: Int.random(in: 0...4000, using: &random))
        let cents = Int64.random(in: 1...10_000_000, using: &random)
        let amount = Money(minorUnits: cents)
        var payments: [LedgerPayment] = []
        for _ in 0..<Int.random(in: 0...3, using: &random) {
            let on = due.adding(days: Int.random(in: -10...150, using: &random))
            payments.append(LedgerPayment(receivedOn: min(on, tableEnd), amount: Money(minorUnits: Int64.random(in: 1...cents, using: &random))))
        }
        let kind: DebtorKind = Bool.random(using: &random) ? .business : .consumer
        let contractual: Decimal? = Bool.random(using: &random) ? Decimal(Int.random(in: 0...3000, using: &random)) / 100 : nil
        let notice: CalendarDay? = Bool.random(using: &random) ? due.adding(days: Int.random(in: -5...60, using: &random)) : nil
        let ledger = try InvoiceLedger(invoiceId: 1, number: "P-1", dueOn: due, amount: amount, payments: payments)
        let asOf = min(tableEnd, due.adding(days: Int.random(in: -5...300, using: &random)))
        return Case(ledger: ledger, terms: ClaimTerms(debtorKind: kind, contractualRate: contractual, formalNoticeOn: notice), asOf: asOf)
    }

    private static func unrounded(_ line: ClaimLine) -> Decimal { line.periods.reduce(Decimal(0)) { $0 + $1.interest } }

    @Test(arguments: seeds)
    func penaltyNeverDecreasesAsTimePasses(_ seed: UInt64) throws {
        var random = LegalSeededGenerator(seed: seed)
        for _ in 0..<Self.casesPerSeed {
            let c = try Self.randomCase(&random)
            let later = min(Self.tableEnd, c.asOf.adding(days: Int.random(in: 1...120, using: &random)))
            let before = try LegalEngine.claim(c.ledger, terms: c.terms, asOf: c.asOf, rates: .published)
            let after = try LegalEngine.claim(c.ledger, terms: c.terms, asOf: later, rates: .published)
            #expect(after.penalty.amount >= before.penalty.amount, "\(c.ledger) \(c.asOf) → \(later)")
            #expect(Self.unrounded(after) >= Self.unrounded(before))
            #expect(after.daysLate >= before.daysLate)
            #expect(after.indemnity.amount >= before.indemnity.amount)
        }
    }

    @Test(arguments: seeds)
    func nothingIsEverNegativeAndPeriodsAreConsistent(_ seed: UInt64) throws {
        var random = LegalSeededGenerator(seed: seed)
        for _ in 0..<Self.casesPerSeed {
            let c = try Self.randomCase(&random)
            let line = try LegalEngine.claim(c.ledger, terms: c.terms, asOf: c.asOf, rates: .published)
            #expect(line.penalty.amount >= 0 && line.principalOutstanding.amount >= 0 && line.total.amount >= 0)
            #expect(line.daysLate >= 0)
            #expect(line.penalty == Money(amount: Self.unrounded(line)))
            for (index, period) in line.periods.enumerated() {
                #expect(period.interest > 0 && period.balance.isPositive)
                #expect(period.days == period.from.days(to: period.to) + 1)
                #expect(HalfYear(containing: period.from) == period.halfYear && HalfYear(containing: period.to) == period.halfYear)
                #expect(period.from > c.ledger.dueOn && period.to <= c.asOf)
                if index > 0 { #expect(line.periods[index - 1].to.adding(days: 1) == period.from) }
                if c.terms.debtorKind == .business, c.terms.contractualRate != nil {
                    let rates = try LegalRateTable.published.rates(for: period.halfYear)
                    #expect(period.annualRate >= rates.contractualFloor)
                }
            }
        }
    }

    @Test(arguments: seeds)
    func aPaymentNeverIncreasesThePenalty(_ seed: UInt64) throws {
        var random = LegalSeededGenerator(seed: seed)
        for _ in 0..<Self.casesPerSeed {
            let c = try Self.randomCase(&random)
            let extra = LedgerPayment(
                receivedOn: c.ledger.dueOn.adding(days: Int.random(in: -10...200, using: &random)),
                amount: Money(minorUnits: Int64.random(in: 1...1_000_000, using: &random)))
            let paid = try InvoiceLedger(invoiceId: 1, number: "P-1", dueOn: c.ledger.dueOn, amount: c.ledger.amount, payments: c.ledger.payments + [extra])
            let without = try LegalEngine.claim(c.ledger, terms: c.terms, asOf: c.asOf, rates: .published)
            let with = try LegalEngine.claim(paid, terms: c.terms, asOf: c.asOf, rates: .published)
            #expect(with.penalty.amount <= without.penalty.amount)
            #expect(Self.unrounded(with) <= Self.unrounded(without))
            #expect(with.principalOutstanding.amount <= without.principalOutstanding.amount)
            #expect(with.prescriptionEndsOn >= without.prescriptionEndsOn)
        }
    }
}
