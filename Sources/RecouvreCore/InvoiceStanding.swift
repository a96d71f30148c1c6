/// An invoice as it stands when a reminder about it is decided or written.
public struct InvoiceStanding: Sendable, Hashable {
    /// The invoice's row id.
    public let invoiceId: Int64
    /// The creditor's invoice number, e.g. `F-2026-0042`.
    public let number: String
    /// The issue date.
    public let issuedOn: CalendarDay
    /// The due date.
    public let dueOn: CalendarDay
    /// The invoiced amount.
    public let amount: Money
    /// What remains to be paid.
    public let outstanding: Money

    /// Creates a standing.
    public init(invoiceId: Int64, number: String, issuedOn: CalendarDay, dueOn: CalendarDay, amount: Money, outstanding: Money) {
        self.invoiceId = invoiceId
        self.number = number
        self.issuedOn = issuedOn
        self.dueOn = dueOn
        self.amount = amount
        self.outstanding = outstanding
    }
}
