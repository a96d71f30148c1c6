/// The varlink type `BankCreditOutcome`: what importing did with one credit.
public struct BankCreditOutcome: Codable, Sendable, Equatable, EncodesEveryField {
    /// `matched` (a payment was recorded), `unmatched` (waits for a person) or
    /// `already_imported` (seen before, left as it was).
    public var status: String
    /// The stored credit; null for new credits in a dry run.
    public var creditId: Int?
    public var entryRef: String
    public var amount: String
    public var currency: String
    public var bookedOn: String
    /// The invoice the payment names, if one.
    public var invoice: String?
    /// The paying debtor's reference, when matched.
    public var debtor: String?
    public var paymentId: Int?
    public var confidence: Int?
    public var reason: String?

    /// Builds an outcome.
    public init(status: String, creditId: Int? = nil, entryRef: String, amount: String, currency: String, bookedOn: String,
                invoice: String? = nil, debtor: String? = nil, paymentId: Int? = nil, confidence: Int? = nil,
                reason: String? = nil) {
        self.status = status
        self.creditId = creditId
        self.entryRef = entryRef
        self.amount = amount
        self.currency = currency
        self.bookedOn = bookedOn
        self.invoice = invoice
        self.debtor = debtor
        self.paymentId = paymentId
        self.confidence = confidence
        self.reason = reason
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
