/// An amount the creditor took off an invoice's principal (a *remise*, a credit note, a
/// write-off). Unlike a payment it does not acknowledge the debt: the creditor grants it.
public struct LedgerReduction: Hashable, Sendable {
    /// The day it was granted; the balance is reduced from the next day.
    public let grantedOn: CalendarDay
    /// The amount taken off.
    public let amount: Money

    /// Creates a reduction.
    public init(grantedOn: CalendarDay, amount: Money) {
        self.grantedOn = grantedOn
        self.amount = amount
    }
}
