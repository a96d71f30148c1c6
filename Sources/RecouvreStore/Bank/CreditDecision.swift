/// What to do with a newly imported credit: record it as a payment, or leave it for a person.
public struct CreditDecision: Sendable, Equatable {
    /// What the payment names.
    public enum Target: Sendable, Equatable {
        /// One invoice of the debtor.
        case invoice(id: Int64, debtorID: Int64)
        /// The debtor: the payment pays its oldest open invoices first.
        case debtor(id: Int64)
    }

    /// The payment's target; nil leaves the credit unmatched.
    public var target: Target?
    /// 0 to 100.
    public var confidence: Int?
    /// The evidence, or why nothing was matched.
    public var reason: String?
    /// What a person might choose, most confident first.
    public var suggestions: [CreditSuggestion]

    /// Builds a decision.
    public init(target: Target?, confidence: Int?, reason: String?, suggestions: [CreditSuggestion] = []) {
        self.target = target
        self.confidence = confidence
        self.reason = reason
        self.suggestions = suggestions
    }
}

/// An invoice, or several of one debtor's, that a credit might pay.
public struct CreditSuggestion: Codable, Sendable, Equatable {
    public var invoice: String?
    public var invoices: [String]
    public var debtor: String
    public var confidence: Int
    public var reason: String

    /// Builds a suggestion.
    public init(invoice: String?, invoices: [String] = [], debtor: String, confidence: Int, reason: String) {
        self.invoice = invoice
        self.invoices = invoices
        self.debtor = debtor
        self.confidence = confidence
        self.reason = reason
    }
}
