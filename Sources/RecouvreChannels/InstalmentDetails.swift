import RecouvreCore

/// The instalment a plan reminder is about.
public struct InstalmentDetails: Sendable, Hashable {
    /// 1-based.
    public let number: Int
    /// How many instalments the plan has.
    public let count: Int
    public let dueOn: CalendarDay
    /// What remains to pay on this instalment.
    public let amount: Money

    public init(number: Int, count: Int, dueOn: CalendarDay, amount: Money) {
        self.number = number
        self.count = count
        self.dueOn = dueOn
        self.amount = amount
    }
}
