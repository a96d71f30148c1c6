/// The varlink type `CaseInvoice`: an open invoice of a debtor with its own state.
/// Money is a decimal string with two decimals.
public struct CaseInvoiceInfo: Codable, Sendable, Equatable, EncodesEveryField {
    public var id: Int
    public var number: String
    public var currency: String
    public var issuedOn: String
    public var dueOn: String
    public var amount: String
    public var paid: String
    /// Reductions, credit notes and write-offs granted on it.
    public var reduced: String
    public var outstanding: String
    /// Days since its due date (0 while not yet due).
    public var daysOverdue: Int
    /// An open dispute covers it (its own or the whole debtor's).
    public var disputed: Bool
    /// An active payment plan covers it.
    public var inPlan: Bool
    /// An open promise covers it.
    public var promised: Bool

    /// Builds an invoice line.
    public init(id: Int, number: String, currency: String, issuedOn: String, dueOn: String, amount: String, paid: String,
                reduced: String, outstanding: String, daysOverdue: Int, disputed: Bool = false, inPlan: Bool = false,
                promised: Bool = false) {
        self.id = id
        self.number = number
        self.currency = currency
        self.issuedOn = issuedOn
        self.dueOn = dueOn
        self.amount = amount
        self.paid = paid
        self.reduced = reduced
        self.outstanding = outstanding
        self.daysOverdue = daysOverdue
        self.disputed = disputed
        self.inPlan = inPlan
        self.promised = promised
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
