/// Parameters of `GetCase`: a debtor by reference, or a case by id.
public struct GetCaseParameters: Codable, Sendable, Equatable, ValidatedParameters {
    /// The tenant's slug.
    public var tenant: String
    /// The debtor's reference; its open case, else its latest one.
    public var debtor: String?
    /// A case's id.
    public var caseId: Int?

    /// Builds the parameters.
    public init(tenant: String, debtor: String? = nil, caseId: Int? = nil) {
        self.tenant = tenant
        self.debtor = debtor
        self.caseId = caseId
    }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        switch (debtor, caseId) {
        case (let debtor?, nil): try ControlValidation.check(debtorRef: debtor)
        case (nil, let id?): try ControlValidation.check(id: id, field: "caseId")
        default: throw ParameterProblem("debtor", "give either a debtor reference or a case id, not both nor neither")
        }
    }
}
