/// Parameters of `ListTasks`.
public struct ListTasksParameters: Codable, Sendable, Equatable, ValidatedParameters {
    /// The tenant's slug.
    public var tenant: String
    /// `open` (default), `done`, `cancelled` or `all`.
    public var state: String?
    /// Only tasks of this kind.
    public var kind: String?

    /// Builds the parameters.
    public init(tenant: String, state: String? = nil, kind: String? = nil) {
        self.tenant = tenant
        self.state = state
        self.kind = kind
    }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        if let state { try ControlValidation.check(state, among: ControlValidation.taskStateFilters, field: "state") }
        if let kind { try ControlValidation.check(kind, among: ControlValidation.taskKinds, field: "kind") }
    }
}
