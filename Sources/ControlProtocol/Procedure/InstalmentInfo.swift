/// The varlink type `Instalment`: one instalment of a payment plan.
public struct InstalmentInfo: Codable, Sendable, Equatable {
    /// 1, 2, … in due-date order.
    public var number: Int
    public var dueOn: String
    public var amount: String
    /// Paid since the plan began covers this instalment and every earlier one.
    public var paid: Bool

    /// Builds an instalment.
    public init(number: Int, dueOn: String, amount: String, paid: Bool) {
        self.number = number
        self.dueOn = dueOn
        self.amount = amount
        self.paid = paid
    }
}
