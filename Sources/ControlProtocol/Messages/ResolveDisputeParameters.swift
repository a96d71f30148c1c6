/// Parameters of `ResolveDispute`.
public struct ResolveDisputeParameters: Codable, Sendable, Equatable, ValidatedParameters {
    /// The tenant's slug.
    public var tenant: String
    /// The dispute's id.
    public var id: Int
    /// `resume` (collection goes on) or `cancel` (the disputed outstanding is written off).
    public var resolution: String
    /// Why.
    public var note: String?

    /// Builds the parameters.
    public init(tenant: String, id: Int, resolution: String, note: String? = nil) {
        self.tenant = tenant
        self.id = id
        self.resolution = resolution
        self.note = note
    }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        try ControlValidation.check(id: id, field: "id")
        try ControlValidation.check(resolution, among: ControlValidation.disputeResolutions, field: "resolution")
        if let note { try ControlValidation.check(note: note) }
    }
}
