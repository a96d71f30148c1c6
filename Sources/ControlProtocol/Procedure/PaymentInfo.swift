/// The varlink type `Payment`: money received from a debtor.
public struct PaymentInfo: Codable, Sendable, Equatable, EncodesEveryField {
    public var id: Int
    public var debtorId: Int
    /// The invoice it pays; nil when it pays the oldest open invoices first.
    public var invoice: String?
    public var amount: String
    public var currency: String
    public var receivedOn: String
    public var reference: String?

    /// Builds a payment.
    public init(id: Int, debtorId: Int, invoice: String? = nil, amount: String, currency: String, receivedOn: String,
                reference: String? = nil) {
        self.id = id
        self.debtorId = debtorId
        self.invoice = invoice
        self.amount = amount
        self.currency = currency
        self.receivedOn = receivedOn
        self.reference = reference
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
