import Foundation

/// A run of consecutive days late with one balance and one rate.
public struct RatePeriod: Hashable, Sendable {
    /// The first day, inclusive.
    public let from: CalendarDay
    /// The last day, inclusive.
    public let to: CalendarDay
    /// The half-year whose rate applies.
    public let halfYear: HalfYear
    /// The annual rate, a percentage.
    public let annualRate: Decimal
    /// Why the rate is this one.
    public let source: RateSource
    /// The balance outstanding on each of these days.
    public let balance: Money
    /// The number of days, `to` included.
    public let days: Int
    /// `balance × annualRate / 100 × days / 365`, not rounded: only the sum is rounded.
    public let interest: Decimal
    /// Whether the rate was carried forward from an earlier half-year because this one had none.
    public let carriedForward: Bool

    /// Creates a period.
    public init(from: CalendarDay, to: CalendarDay, halfYear: HalfYear, annualRate: Decimal, source: RateSource, balance: Money, days: Int, interest: Decimal, carriedForward: Bool) {
        self.from = from
        self.to = to
        self.halfYear = halfYear
        self.annualRate = annualRate
        self.source = source
        self.balance = balance
        self.days = days
        self.interest = interest
        self.carriedForward = carriedForward
    }
}
