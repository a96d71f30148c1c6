/// Reply of `AssignCredit` and `IgnoreCredit`.
public struct BankCreditReply: Codable, Sendable, Equatable {
    public var credit: BankCreditInfo
    /// Builds the reply.
    public init(credit: BankCreditInfo) { self.credit = credit }
}
