import Foundation

/// The French legal computations on an unpaid invoice: late-payment penalties or legal interest,
/// the recovery indemnity, and the prescription date. Pure: every date is a parameter.
public enum LegalEngine {
    /// Interest is simple and counted on a 365-day year, leap years included (common practice
    /// for L441-10 penalties).
    public static let daysPerYear: Decimal = 365

    /// The fixed recovery indemnity owed by a professional debtor per invoice paid late:
    /// €40 (C. com. L441-10 II, D441-5). It is compensation, not a sale, so it bears no VAT.
    public static let recoveryIndemnity = Money(amount: 40, currency: "EUR")

    /// What the debtor of `ledger` owes at the end of `asOf`.
    ///
    /// - Business debtor (C. com. L441-10 II): penalties run from the day after the due date,
    ///   with no reminder needed. Each day bears the rate of the half-year that contains it: the
    ///   ECB rate plus 10 points, or the contractual rate, never below 3 × the legal rate (other
    ///   cases) of that half-year. The €40 indemnity is owed once the invoice is late.
    /// - Consumer debtor (C. civ. 1231-6): no L441-10 penalty and no indemnity; interest at the
    ///   legal rate (other cases, the creditor being a professional) from the day after the
    ///   formal notice, and none without one.
    ///
    /// Interest is `balance × rate × days / 365` on the balance actually outstanding each day. A
    /// payment received on day p reduces the balance from day p + 1: day p still bears interest
    /// on the old balance. Interest stops when the balance reaches zero and what has accrued stays
    /// owed. Only the sum is rounded, once, to the cent, half away from zero.
    ///
    /// - Throws: `MissingLegalRate` when a day bearing interest falls in a half-year without rates
    ///   and `terms.missingRates` is `.fail`, or when no earlier half-year has rates to carry
    ///   forward.
    public static func claim(_ ledger: InvoiceLedger, terms: ClaimTerms, asOf: CalendarDay, rates: LegalRateTable) throws(MissingLegalRate) -> ClaimLine {
        let currency = ledger.amount.currency
        let principal = ledger.balance(atEndOf: asOf)
        let daysLate = daysLate(ledger, asOf: asOf)
        let periods = try interestPeriods(ledger, terms: terms, asOf: asOf, rates: rates)
        let penalty = Money(amount: periods.reduce(Decimal(0)) { $0 + $1.interest }, currency: currency)
        let indemnity = terms.debtorKind == .business && daysLate > 0 ? recoveryIndemnity : Money.zero(recoveryIndemnity.currency)
        var total = principal.amount + penalty.amount
        if indemnity.currency == currency { total += indemnity.amount }
        let acknowledgments = (ledger.acknowledgments + ledger.payments.map(\.receivedOn)).filter { $0 <= asOf }
        return ClaimLine(
            invoiceId: ledger.invoiceId,
            number: ledger.number,
            dueOn: ledger.dueOn,
            asOf: asOf,
            principalOutstanding: principal,
            daysLate: daysLate,
            periods: periods,
            penalty: penalty,
            indemnity: indemnity,
            total: Money(amount: total, currency: currency),
            prescriptionEndsOn: Prescription.endsOn(dueOn: ledger.dueOn, debtorKind: terms.debtorKind, acknowledgments: acknowledgments)
        )
    }

    /// The days after the due date, up to `asOf`, on which part of the invoice was unpaid.
    public static func daysLate(_ ledger: InvoiceLedger, asOf: CalendarDay) -> Int {
        guard asOf > ledger.dueOn, ledger.balance(atEndOf: ledger.dueOn).isPositive else { return 0 }
        // The balance never grows, so the first day it ends at zero is the last day late.
        let settledOn = ledger.movementDays.first { $0 > ledger.dueOn && $0 <= asOf && !ledger.balance(atEndOf: $0).isPositive }
        return ledger.dueOn.days(to: settledOn ?? asOf)
    }

    /// The first day that can bear interest: the day after the due date for a business debtor
    /// (C. com. L441-10 II); for a consumer, the day after the formal notice and not before the
    /// day after the due date (C. civ. 1231-6), nil without a formal notice.
    public static func interestStart(dueOn: CalendarDay, terms: ClaimTerms) -> CalendarDay? {
        let afterDue = dueOn.adding(days: 1)
        switch terms.debtorKind {
        case .business:
            return afterDue
        case .consumer:
            guard let notice = terms.formalNoticeOn else { return nil }
            return max(afterDue, notice.adding(days: 1))
        }
    }

    /// The annual rate for one half-year's `rates` under `terms`, and why.
    public static func annualRate(_ rates: LegalRates, terms: ClaimTerms) -> (rate: Decimal, source: RateSource) {
        switch terms.debtorKind {
        case .consumer:
            return (rates.legalRateOtherCases, .legalRate)
        case .business:
            guard let contractual = terms.contractualRate else { return (rates.latePaymentRate, .ecbPlusTenPoints) }
            let floor = rates.contractualFloor
            return contractual >= floor ? (contractual, .contractual) : (floor, .contractualFloor)
        }
    }

    /// The periods bearing interest from `interestStart` through `asOf`, cut at each half-year
    /// boundary and at each change of balance, until the balance reaches zero.
    static func interestPeriods(_ ledger: InvoiceLedger, terms: ClaimTerms, asOf: CalendarDay, rates: LegalRateTable) throws(MissingLegalRate) -> [RatePeriod] {
        guard let start = interestStart(dueOn: ledger.dueOn, terms: terms), start <= asOf else { return [] }
        let changes = ledger.movementDays.map { $0.adding(days: 1) }
        var periods: [RatePeriod] = []
        var cursor = start
        while cursor <= asOf {
            let balance = ledger.balance(atEndOf: cursor.adding(days: -1))
            guard balance.isPositive else { break }
            let halfYear = HalfYear(containing: cursor)
            var end = min(asOf, halfYear.lastDay)
            if let change = changes.first(where: { $0 > cursor }), change <= end {
                end = change.adding(days: -1)
            }
            let (found, carried) = try ratesOf(halfYear, in: rates, policy: terms.missingRates)
            let (rate, source) = annualRate(found, terms: terms)
            let days = cursor.days(to: end) + 1
            let interest = balance.amount * rate * Decimal(days) / 100 / daysPerYear
            periods.append(RatePeriod(from: cursor, to: end, halfYear: halfYear, annualRate: rate, source: source, balance: balance, days: days, interest: interest, carriedForward: carried))
            cursor = end.adding(days: 1)
        }
        return periods
    }

    private static func ratesOf(_ halfYear: HalfYear, in table: LegalRateTable, policy: MissingRatePolicy) throws(MissingLegalRate) -> (LegalRates, carried: Bool) {
        do {
            return (try table.rates(for: halfYear), false)
        } catch {
            guard policy == .carryForward, let latest = table.latest(before: halfYear) else { throw error }
            return (latest.rates, true)
        }
    }
}
