/// The varlink type `BankCredit`: a stored bank credit and what became of it.
public struct BankCreditInfo: Codable, Sendable, Equatable, EncodesEveryField {
    public var id: Int
    public var statementId: Int
    public var account: String
    public var entryRef: String
    public var amount: String
    public var currency: String
    public var bookedOn: String
    public var valueOn: String?
    public var endToEndId: String?
    public var creditorRef: String?
    public var remittance: String?
    public var debtorName: String?
    public var debtorIban: String?
    /// `matched`, `unmatched`, `assigned` or `ignored`.
    public var state: String
    public var paymentId: Int?
    /// The invoice the payment names, if one.
    public var invoice: String?
    /// The paying debtor, once a payment.
    public var debtor: String?
    public var confidence: Int?
    public var reason: String?
    /// Most confident first.
    public var suggestions: [CreditSuggestionInfo]

    /// Builds a credit.
    public init(id: Int, statementId: Int, account: String, entryRef: String, amount: String, currency: String,
                bookedOn: String, valueOn: String? = nil, endToEndId: String? = nil, creditorRef: String? = nil,
                remittance: String? = nil, debtorName: String? = nil, debtorIban: String? = nil, state: String,
                paymentId: Int? = nil, invoice: String? = nil, debtor: String? = nil, confidence: Int? = nil,
                reason: String? = nil, suggestions: [CreditSuggestionInfo] = []) {
        self.id = id
        self.statementId = statementId
        self.account = account
        self.entryRef = entryRef
        self.amount = amount
        self.currency = currency
        self.bookedOn = bookedOn
        self.valueOn = valueOn
        self.endToEndId = endToEndId
        self.creditorRef = creditorRef
        self.remittance = remittance
        self.debtorName = debtorName
        self.debtorIban = debtorIban
        self.state = state
        self.paymentId = paymentId
        self.invoice = invoice
        self.debtor = debtor
        self.confidence = confidence
        self.reason = reason
        self.suggestions = suggestions
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
