/// The varlink type `PlannedInstalment`: an instalment of a plan being created.
public struct PlannedInstalment: Codable, Sendable, Equatable {
    /// `YYYY-MM-DD`.
    public var dueOn: String
    /// A positive decimal with at most two decimals, e.g. `250.00`.
    public var amount: String

    /// Builds an instalment.
    public init(dueOn: String, amount: String) {
        self.dueOn = dueOn
        self.amount = amount
    }
}
