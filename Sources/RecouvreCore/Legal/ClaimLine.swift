import Foundation

/// What one invoice's debtor owes on a given day, item by item, as a formal notice or a court
/// file states it.
public struct ClaimLine: Hashable, Sendable {
    /// The invoice's row id.
    public let invoiceId: Int64
    /// The creditor's invoice number.
    public let number: String
    /// The due date.
    public let dueOn: CalendarDay
    /// The day the claim is computed for; payments after it are not counted.
    public let asOf: CalendarDay
    /// The principal still unpaid at the end of `asOf`.
    public let principalOutstanding: Money
    /// The days after the due date, up to `asOf`, on which part of the invoice was unpaid; for an
    /// invoice paid in full late, the payment date minus the due date.
    public let daysLate: Int
    /// The days that bore interest, split at half-year boundaries and balance changes.
    public let periods: [RatePeriod]
    /// The sum of the periods' interest rounded once to the cent, half away from zero:
    /// late-payment penalties for a business debtor, legal interest for a consumer.
    public let penalty: Money
    /// The fixed recovery indemnity (C. com. D441-5), in euros, not subject to VAT; zero for a
    /// consumer or an invoice paid on time.
    public let indemnity: Money
    /// Principal outstanding, penalty and indemnity. For an invoice in another currency than the
    /// euro the indemnity stays in euros and is not added here: state it on its own line.
    public let total: Money
    /// The last day on which the claim can still be pursued (see `Prescription`).
    public let prescriptionEndsOn: CalendarDay

    /// Creates a claim line.
    public init(invoiceId: Int64, number: String, dueOn: CalendarDay, asOf: CalendarDay, principalOutstanding: Money, daysLate: Int, periods: [RatePeriod], penalty: Money, indemnity: Money, total: Money, prescriptionEndsOn: CalendarDay) {
        self.invoiceId = invoiceId
        self.number = number
        self.dueOn = dueOn
        self.asOf = asOf
        self.principalOutstanding = principalOutstanding
        self.daysLate = daysLate
        self.periods = periods
        self.penalty = penalty
        self.indemnity = indemnity
        self.total = total
        self.prescriptionEndsOn = prescriptionEndsOn
    }

    /// Whether some period used rates carried forward from an earlier half-year: the figures are
    /// an estimate until the missing rates are added.
    public var usesCarriedForwardRates: Bool { periods.contains(where: \.carriedForward) }
}
