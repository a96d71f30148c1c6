/// The credits one bank file reports for one account.
public struct BankStatement: Hashable, Sendable {
    /// The format it was read from.
    public var format: BankStatementFormat
    /// The creditor's account: its IBAN (for CFONB 120, computed from the bank, branch and
    /// account numbers).
    public var account: String
    /// The statement's own identification (camt `Stmt/Id` or `Ntfctn/Id`; for CFONB 120 the
    /// account and the old balance's date).
    public var reference: String
    /// The credits, in file order. Debits are not kept.
    public var credits: [BankCredit]
    /// How many debit entries the file held (ignored).
    public var debitsIgnored: Int

    /// Builds a statement.
    public init(format: BankStatementFormat, account: String, reference: String, credits: [BankCredit],
                debitsIgnored: Int = 0) {
        self.format = format
        self.account = account
        self.reference = reference
        self.credits = credits
        self.debitsIgnored = debitsIgnored
    }
}
