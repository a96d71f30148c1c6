/// The varlink type `CreditSuggestion`: an invoice, or several of one debtor's, a credit might pay.
public struct CreditSuggestionInfo: Codable, Sendable, Equatable, EncodesEveryField {
    /// The invoice, when one.
    public var invoice: String?
    /// The invoices, when the credit pays several of the debtor's together.
    public var invoices: [String]
    /// The debtor's reference.
    public var debtor: String
    /// 0 to 100.
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

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
