/// Reply of `ImportBankStatement`.
public struct ImportBankStatementReply: Codable, Sendable, Equatable {
    public var summary: BankImportSummary
    /// Builds the reply.
    public init(summary: BankImportSummary) { self.summary = summary }
}
