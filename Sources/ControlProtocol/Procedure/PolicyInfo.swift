/// The varlink type `Policy`: a collection policy and its steps.
public struct PolicyInfo: Codable, Sendable, Equatable, EncodesEveryField {
    public var name: String
    public var description: String
    /// `business` or `consumer`; nil for any debtor.
    public var debtorKind: String?
    public var minOutstanding: String
    public var priority: Int
    public var graceDays: Int
    /// By position.
    public var steps: [PolicyStepInfo]

    /// Builds a policy.
    public init(name: String, description: String = "", debtorKind: String? = nil, minOutstanding: String = "0.00",
                priority: Int = 100, graceDays: Int = 3, steps: [PolicyStepInfo]) {
        self.name = name
        self.description = description
        self.debtorKind = debtorKind
        self.minOutstanding = minOutstanding
        self.priority = priority
        self.graceDays = graceDays
        self.steps = steps
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
