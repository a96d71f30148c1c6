/// Parameters of `GetPolicy` and `DeletePolicy`.
public struct PolicyReferenceParameters: Codable, Sendable, Equatable, ValidatedParameters {
    /// The tenant's slug.
    public var tenant: String
    /// The policy's name.
    public var name: String

    /// Builds the parameters.
    public init(tenant: String, name: String) {
        self.tenant = tenant
        self.name = name
    }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        try ControlValidation.check(policyName: name)
    }
}
