/// Reply of `ImportBankStatement`.
public struct ImportBankStatementReply: Codable, Sendable, Equatable {
    public var summary: BankImportSummary
    /// Builds the reply.
    public init(summary: BankImportSummary) { self.summary = summary }
}

/// Reply of `ListUnmatchedCredits`.
public struct ListUnmatchedCreditsReply: Codable, Sendable, Equatable {
    public var credits: [BankCreditInfo]
    /// Builds the reply.
    public init(credits: [BankCreditInfo]) { self.credits = credits }
}

/// Reply of `AssignCredit` and `IgnoreCredit`.
public struct BankCreditReply: Codable, Sendable, Equatable {
    public var credit: BankCreditInfo
    /// Builds the reply.
    public init(credit: BankCreditInfo) { self.credit = credit }
}
