/// Parameters of `AddPromise`.
public struct AddPromiseParameters: Codable, Sendable, Equatable, ValidatedParameters {
    /// The tenant's slug.
    public var tenant: String
    /// The debtor's reference.
    public var debtor: String
    /// What the debtor promises to pay.
    public var amount: String
    /// `YYYY-MM-DD`: the day the debtor promises to pay by.
    public var promisedOn: String
    /// What was said.
    public var note: String?

    /// Builds the parameters.
    public init(tenant: String, debtor: String, amount: String, promisedOn: String, note: String? = nil) {
        self.tenant = tenant
        self.debtor = debtor
        self.amount = amount
        self.promisedOn = promisedOn
        self.note = note
    }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        try ControlValidation.check(debtorRef: debtor)
        try ControlValidation.check(amount: amount)
        try ControlValidation.check(date: promisedOn, field: "promisedOn")
        if let note { try ControlValidation.check(note: note) }
    }
}
