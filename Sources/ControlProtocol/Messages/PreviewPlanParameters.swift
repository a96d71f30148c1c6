/// Parameters of `PreviewPlan`.
public struct PreviewPlanParameters: Codable, Sendable, Equatable, ValidatedParameters {
    public var tenant: String
    /// One debtor's external reference; nil for every debtor with something owed (the first
    /// 100 by reference).
    public var debtor: String?
    /// The day the preview starts (YYYY-MM-DD, in each debtor's zone); nil for now.
    public var asOf: String?
    /// The last day shown (YYYY-MM-DD); nil for 180 days after the start.
    public var until: String?

    public init(tenant: String, debtor: String? = nil, asOf: String? = nil, until: String? = nil) {
        self.tenant = tenant
        self.debtor = debtor
        self.asOf = asOf
        self.until = until
    }

    /// The longest preview: three years.
    public static let maximumDays = 1096

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        if let debtor { try ControlValidation.check(debtorRef: debtor) }
        if let asOf { try ControlValidation.check(date: asOf, field: "asOf") }
        if let until { try ControlValidation.check(date: until, field: "until") }
        if let asOf, let until, until < asOf {
            throw ParameterProblem("until", "\(until) is before asOf \(asOf); give a later end")
        }
    }
}
