/// Parameters of `RecordPayment`.
public struct RecordPaymentParameters: Codable, Sendable, Equatable, ValidatedParameters {
    /// The tenant's slug.
    public var tenant: String
    /// The paying debtor's reference.
    public var debtor: String
    /// A positive decimal, at most two decimals.
    public var amount: String
    /// The invoice it pays, by number; absent: the oldest open invoices first.
    public var invoice: String?
    /// ISO 4217; the invoice's currency, else EUR, when absent.
    public var currency: String?
    /// `YYYY-MM-DD`; today when absent.
    public var receivedOn: String?
    /// The bank's or the debtor's reference.
    public var reference: String?

    /// Builds the parameters.
    public init(tenant: String, debtor: String, amount: String, invoice: String? = nil, currency: String? = nil,
                receivedOn: String? = nil, reference: String? = nil) {
        self.tenant = tenant
        self.debtor = debtor
        self.amount = amount
        self.invoice = invoice
        self.currency = currency
        self.receivedOn = receivedOn
        self.reference = reference
    }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        try ControlValidation.check(debtorRef: debtor)
        try ControlValidation.check(amount: amount)
        if let invoice { try ControlValidation.check(invoiceNumber: invoice) }
        if let currency { try ControlValidation.check(currency: currency) }
        if let receivedOn { try ControlValidation.check(date: receivedOn, field: "receivedOn") }
        if let reference { try ControlValidation.check(text: reference, field: "reference", maxLength: 200) }
    }
}
