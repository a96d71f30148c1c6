/// The varlink type `Reduction`: a reduction (remise), credit note or write-off on an invoice.
public struct ReductionInfo: Codable, Sendable, Equatable {
    public var id: Int
    /// The invoice's number.
    public var invoice: String
    /// `reduction`, `credit_note` or `write_off`.
    public var kind: String
    public var amount: String
    public var currency: String
    public var reason: String
    public var grantedBy: String
    public var grantedOn: String

    /// Builds a reduction.
    public init(id: Int, invoice: String, kind: String, amount: String, currency: String, reason: String,
                grantedBy: String, grantedOn: String) {
        self.id = id
        self.invoice = invoice
        self.kind = kind
        self.amount = amount
        self.currency = currency
        self.reason = reason
        self.grantedBy = grantedBy
        self.grantedOn = grantedOn
    }
}
