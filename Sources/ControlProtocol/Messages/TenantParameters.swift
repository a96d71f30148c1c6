/// Parameters of methods that only name a tenant, e.g. `ListPolicies`.
public struct TenantParameters: Codable, Sendable, Equatable, ValidatedParameters {
    /// The tenant's slug.
    public var tenant: String
    /// Builds the parameters.
    public init(tenant: String) { self.tenant = tenant }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
    }
}
