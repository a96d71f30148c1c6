/// The varlink type `PolicySummary`: a policy as `ListPolicies` shows it.
public struct PolicySummary: Codable, Sendable, Equatable, EncodesEveryField {
    public var name: String
    public var description: String
    public var debtorKind: String?
    public var minOutstanding: String
    public var priority: Int
    public var graceDays: Int
    /// How many steps it has.
    public var steps: Int
    /// Open cases following it.
    public var openCases: Int
    /// Debtors whose policy is set to it.
    public var debtors: Int

    /// Builds a summary.
    public init(name: String, description: String = "", debtorKind: String? = nil, minOutstanding: String = "0.00",
                priority: Int = 100, graceDays: Int = 3, steps: Int, openCases: Int = 0, debtors: Int = 0) {
        self.name = name
        self.description = description
        self.debtorKind = debtorKind
        self.minOutstanding = minOutstanding
        self.priority = priority
        self.graceDays = graceDays
        self.steps = steps
        self.openCases = openCases
        self.debtors = debtors
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
