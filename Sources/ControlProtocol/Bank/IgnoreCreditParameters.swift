/// Parameters of `IgnoreCredit`.
public struct IgnoreCreditParameters: Codable, Sendable, Equatable, ValidatedParameters {
    /// The tenant's slug.
    public var tenant: String
    public var creditId: Int
    /// Why it is not a debtor's payment.
    public var reason: String?

    /// Builds the parameters.
    public init(tenant: String, creditId: Int, reason: String? = nil) {
        self.tenant = tenant
        self.creditId = creditId
        self.reason = reason
    }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        try ControlValidation.check(id: creditId, field: "creditId")
        if let reason { try ControlValidation.check(reason: reason) }
    }
}
