/// Parameters of `AssignCredit`.
public struct AssignCreditParameters: Codable, Sendable, Equatable, ValidatedParameters {
    /// The tenant's slug.
    public var tenant: String
    public var creditId: Int
    /// The invoice it pays, by number.
    public var invoice: String?
    /// The debtor it pays (oldest open invoices first), by reference.
    public var debtor: String?

    /// Builds the parameters.
    public init(tenant: String, creditId: Int, invoice: String? = nil, debtor: String? = nil) {
        self.tenant = tenant
        self.creditId = creditId
        self.invoice = invoice
        self.debtor = debtor
    }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        try ControlValidation.check(id: creditId, field: "creditId")
        if let invoice { try ControlValidation.check(invoiceNumber: invoice) }
        if let debtor { try ControlValidation.check(debtorRef: debtor) }
        if invoice == nil && debtor == nil {
            throw ParameterProblem("invoice", "name the invoice (or the debtor) the credit pays")
        }
    }
}
