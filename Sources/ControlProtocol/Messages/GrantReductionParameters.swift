/// Parameters of `GrantReduction`.
public struct GrantReductionParameters: Codable, Sendable, Equatable, ValidatedParameters {
    /// The tenant's slug.
    public var tenant: String
    /// The invoice's number.
    public var invoice: String
    /// At most the invoice's outstanding; absent only for a write-off of all of it.
    public var amount: String?
    /// Why it is granted.
    public var reason: String
    /// `reduction` (default), `credit_note` or `write_off`.
    public var kind: String?

    /// Builds the parameters.
    public init(tenant: String, invoice: String, amount: String? = nil, reason: String, kind: String? = nil) {
        self.tenant = tenant
        self.invoice = invoice
        self.amount = amount
        self.reason = reason
        self.kind = kind
    }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        try ControlValidation.check(invoiceNumber: invoice)
        if let kind { try ControlValidation.check(kind, among: ControlValidation.reductionKinds, field: "kind") }
        if let amount {
            try ControlValidation.check(amount: amount)
        } else if kind != "write_off" {
            throw ParameterProblem("amount", "a \(kind ?? "reduction") needs an amount; only a write-off may leave it out to write off the whole outstanding")
        }
        try ControlValidation.check(reason: reason)
    }
}
