/// Parameters of `CreatePlan`.
public struct CreatePlanParameters: Codable, Sendable, Equatable, ValidatedParameters {
    /// The tenant's slug.
    public var tenant: String
    /// The debtor's reference.
    public var debtor: String
    /// 1 to 60 instalments, due dates strictly increasing.
    public var instalments: [PlannedInstalment]
    /// What was agreed.
    public var note: String?

    /// Builds the parameters.
    public init(tenant: String, debtor: String, instalments: [PlannedInstalment], note: String? = nil) {
        self.tenant = tenant
        self.debtor = debtor
        self.instalments = instalments
        self.note = note
    }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        try ControlValidation.check(debtorRef: debtor)
        try ControlValidation.check(instalments: instalments)
        if let note { try ControlValidation.check(note: note) }
    }
}
