/// Parameters of `OpenDispute`.
public struct OpenDisputeParameters: Codable, Sendable, Equatable, ValidatedParameters {
    /// The tenant's slug.
    public var tenant: String
    /// The debtor's reference.
    public var debtor: String
    /// The disputed invoice's number; absent: the whole debtor is disputed.
    public var invoice: String?
    /// What the debtor disputes.
    public var reason: String

    /// Builds the parameters.
    public init(tenant: String, debtor: String, invoice: String? = nil, reason: String) {
        self.tenant = tenant
        self.debtor = debtor
        self.invoice = invoice
        self.reason = reason
    }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        try ControlValidation.check(debtorRef: debtor)
        if let invoice { try ControlValidation.check(invoiceNumber: invoice) }
        try ControlValidation.check(reason: reason)
    }
}
