/// What a credit was matched to, with the evidence.
public struct CreditMatch: Hashable, Sendable {
    /// One thing the credit might pay: an invoice, or several invoices of one debtor.
    public struct Suggestion: Hashable, Sendable {
        /// The invoice, when the credit pays one.
        public var invoice: String?
        /// The invoices named, when it pays several of the debtor's at once.
        public var invoices: [String]
        /// The debtor's reference.
        public var debtor: String
        /// 0 to 100.
        public var confidence: Int
        /// The evidence, each a short phrase.
        public var reasons: [String]

        /// Builds a suggestion.
        public init(invoice: String?, invoices: [String] = [], debtor: String, confidence: Int, reasons: [String]) {
            self.invoice = invoice
            self.invoices = invoices
            self.debtor = debtor
            self.confidence = confidence
            self.reasons = reasons
        }

        /// The evidence in one line.
        public var reason: String { reasons.joined(separator: "; ") }
    }

    /// The best suggestions, most confident first (at most ``BankMatcher/suggestionLimit``).
    public var suggestions: [Suggestion]
    /// The suggestion to record as a payment: confident enough, and well ahead of the next.
    public var accepted: Suggestion?
    /// Why nothing was accepted, when nothing was.
    public var unmatchedReason: String?

    /// Builds a match.
    public init(suggestions: [Suggestion], accepted: Suggestion?, unmatchedReason: String? = nil) {
        self.suggestions = suggestions
        self.accepted = accepted
        self.unmatchedReason = unmatchedReason
    }
}
