import RecouvreCore

/// What a formal notice states for one invoice: the figures of `claim_statement` on the day
/// the notice is written.
public struct ClaimFigures: Sendable, Hashable {
    public let number: String
    public let dueOn: CalendarDay
    public let daysLate: Int
    public let principal: Money
    /// Late-payment penalties (business) or legal interest (consumer).
    public let penalty: Money
    /// The €40 recovery indemnity; zero for a consumer.
    public let indemnity: Money
    public let total: Money

    public init(number: String, dueOn: CalendarDay, daysLate: Int, principal: Money, penalty: Money, indemnity: Money, total: Money) {
        self.number = number
        self.dueOn = dueOn
        self.daysLate = daysLate
        self.principal = principal
        self.penalty = penalty
        self.indemnity = indemnity
        self.total = total
    }
}
