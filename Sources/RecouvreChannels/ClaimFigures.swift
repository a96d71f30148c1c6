import Foundation
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
    /// The annual rates the penalty or interest was computed at, in percent, in the order they applied.
    public let rates: [Decimal]
    /// Some period used the latest published rates for a half-year whose rates are not known yet.
    public let estimated: Bool

    public init(number: String, dueOn: CalendarDay, daysLate: Int, principal: Money, penalty: Money, indemnity: Money, total: Money,
                rates: [Decimal] = [], estimated: Bool = false) {
        self.number = number
        self.dueOn = dueOn
        self.daysLate = daysLate
        self.principal = principal
        self.penalty = penalty
        self.indemnity = indemnity
        self.total = total
        self.rates = rates
        self.estimated = estimated
    }
}
