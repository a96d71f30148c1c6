import Foundation

/// The facts outside the invoice that decide what the law adds to it.
public struct ClaimTerms: Hashable, Sendable {
    /// Professional or consumer.
    public let debtorKind: DebtorKind
    /// The late-payment rate the contract or the general terms of sale set, as an annual
    /// percentage; nil for the statutory default. Used for business debtors only.
    public let contractualRate: Decimal?
    /// The day the formal notice (*mise en demeure*) was given; a consumer owes interest from the
    /// next day (C. civ. 1231-6, 1344).
    public let formalNoticeOn: CalendarDay?
    /// What to do when a half-year has no rates yet.
    public let missingRates: MissingRatePolicy

    /// Creates terms.
    public init(debtorKind: DebtorKind, contractualRate: Decimal? = nil, formalNoticeOn: CalendarDay? = nil, missingRates: MissingRatePolicy = .fail) {
        self.debtorKind = debtorKind
        self.contractualRate = contractualRate
        self.formalNoticeOn = formalNoticeOn
        self.missingRates = missingRates
    }
}
