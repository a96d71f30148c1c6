import Foundation

/// One invoice with everything that happened to it that matters to the law: what was owed and
/// when, what was paid or taken off and when, and when the debtor acknowledged the debt.
public struct InvoiceLedger: Hashable, Sendable {
    /// The invoice's row id.
    public let invoiceId: Int64
    /// The creditor's invoice number.
    public let number: String
    /// The due date; penalties run from the next day.
    public let dueOn: CalendarDay
    /// The invoiced amount, the principal.
    public let amount: Money
    /// Payments allocated to this invoice, in any order.
    public let payments: [LedgerPayment]
    /// Reductions of the principal, in any order.
    public let reductions: [LedgerReduction]
    /// Days the debtor acknowledged the debt other than by paying: a promise to pay, a payment
    /// plan agreed. Payments count as acknowledgments on their own and need not be repeated.
    public let acknowledgments: [CalendarDay]

    /// Creates a ledger; every amount must be in the invoice's currency, the invoice amount must
    /// not be negative and each payment or reduction must be above zero.
    public init(
        invoiceId: Int64,
        number: String,
        dueOn: CalendarDay,
        amount: Money,
        payments: [LedgerPayment] = [],
        reductions: [LedgerReduction] = [],
        acknowledgments: [CalendarDay] = []
    ) throws(InvalidLedger) {
        guard amount.amount >= 0 else {
            throw InvalidLedger(invoiceNumber: number, reason: "the amount \(amount.formatted(.en)) is negative; record a credit note as a reduction of the invoice it credits")
        }
        for movement in payments.map(\.amount) + reductions.map(\.amount) {
            guard movement.currency == amount.currency else {
                throw InvalidLedger(invoiceNumber: number, reason: "a payment or reduction is in \(movement.currency) but the invoice is in \(amount.currency); convert it to \(amount.currency) before allocating it")
            }
            guard movement.isPositive else {
                throw InvalidLedger(invoiceNumber: number, reason: "a payment or reduction of \(movement.formatted(.en)) is not above zero; record refunds and corrections by removing the original entry")
            }
        }
        self.invoiceId = invoiceId
        self.number = number
        self.dueOn = dueOn
        self.amount = amount
        self.payments = payments
        self.reductions = reductions
        self.acknowledgments = acknowledgments
    }

    /// What remained owed at the end of `day`, counting payments and reductions dated that day or
    /// earlier; never below zero (an overpayment is not a negative debt).
    public func balance(atEndOf day: CalendarDay) -> Money {
        let paid = payments.filter { $0.receivedOn <= day }.reduce(Decimal(0)) { $0 + $1.amount.amount }
        let reduced = reductions.filter { $0.grantedOn <= day }.reduce(Decimal(0)) { $0 + $1.amount.amount }
        return Money(amount: max(0, amount.amount - paid - reduced), currency: amount.currency)
    }

    /// The days on which the balance changes, oldest first: each is the day of a payment or
    /// reduction, and the new balance applies from the next day.
    var movementDays: [CalendarDay] {
        Array(Set(payments.map(\.receivedOn) + reductions.map(\.grantedOn))).sorted()
    }
}
