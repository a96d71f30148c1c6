/// Money the debtor paid towards one invoice.
public struct LedgerPayment: Hashable, Sendable {
    /// The day the creditor received it; the balance is reduced from the next day.
    public let receivedOn: CalendarDay
    /// The amount allocated to the invoice.
    public let amount: Money

    /// Creates a payment.
    public init(receivedOn: CalendarDay, amount: Money) {
        self.receivedOn = receivedOn
        self.amount = amount
    }
}
