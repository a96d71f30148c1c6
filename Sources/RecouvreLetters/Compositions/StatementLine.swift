import RecouvreCore

/// One invoice on a statement of account.
public struct StatementLine: Sendable, Hashable {
    public var number: String
    public var issuedOn: CalendarDay
    public var dueOn: CalendarDay
    /// The amount invoiced.
    public var amount: Money
    /// What remains to pay on it.
    public var outstanding: Money
    /// An open dispute covers it.
    public var disputed: Bool

    /// Creates a line.
    public init(number: String, issuedOn: CalendarDay, dueOn: CalendarDay, amount: Money, outstanding: Money,
                disputed: Bool = false) {
        self.number = number
        self.issuedOn = issuedOn
        self.dueOn = dueOn
        self.amount = amount
        self.outstanding = outstanding
        self.disputed = disputed
    }
}
