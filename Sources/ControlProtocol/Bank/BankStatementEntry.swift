/// The varlink type `BankStatementEntry`: a bank file's account and credits, parsed by recouvrectl.
public struct BankStatementEntry: Codable, Sendable, Equatable {
    /// `camt.053`, `camt.054` or `cfonb120`.
    public var format: String
    /// The creditor's account IBAN.
    public var account: String
    /// The statement's own identification.
    public var reference: String
    /// Its credits; at most ``maxCredits`` per call.
    public var credits: [BankCreditEntry]

    /// The formats accepted.
    public static let formats = ["camt.053", "camt.054", "cfonb120"]
    /// Credits per call: a call is one message, and messages are at most 64 KiB.
    public static let maxCredits = 100

    /// Builds a statement.
    public init(format: String, account: String, reference: String, credits: [BankCreditEntry]) {
        self.format = format
        self.account = account
        self.reference = reference
        self.credits = credits
    }
}
