/// The varlink type `BankImportSummary`: what one `ImportBankStatement` call did.
public struct BankImportSummary: Codable, Sendable, Equatable, EncodesEveryField {
    /// The statement's row; null in a dry run.
    public var statementId: Int?
    public var dryRun: Bool
    /// Credits seen for the first time.
    public var new: Int
    /// Credits imported before, left as they were.
    public var alreadyImported: Int
    /// New credits recorded as payments.
    public var matched: Int
    /// New credits waiting for a person.
    public var unmatched: Int
    /// Each credit, in the statement's order.
    public var credits: [BankCreditOutcome]

    /// Builds a summary.
    public init(statementId: Int?, dryRun: Bool, new: Int, alreadyImported: Int, matched: Int, unmatched: Int,
                credits: [BankCreditOutcome]) {
        self.statementId = statementId
        self.dryRun = dryRun
        self.new = new
        self.alreadyImported = alreadyImported
        self.matched = matched
        self.unmatched = unmatched
        self.credits = credits
    }

    /// The totals of several calls (a statement sent in parts), credits in order.
    public static func combined(_ parts: [BankImportSummary], dryRun: Bool) -> BankImportSummary {
        BankImportSummary(statementId: parts.lazy.compactMap(\.statementId).first, dryRun: dryRun,
                          new: parts.map(\.new).reduce(0, +), alreadyImported: parts.map(\.alreadyImported).reduce(0, +),
                          matched: parts.map(\.matched).reduce(0, +), unmatched: parts.map(\.unmatched).reduce(0, +),
                          credits: parts.flatMap(\.credits))
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
