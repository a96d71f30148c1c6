/// The varlink type `Plan`: a payment plan (échéancier).
public struct PlanInfo: Codable, Sendable, Equatable, EncodesEveryField {
    public var id: Int
    /// `active`, `completed`, `broken` or `cancelled`.
    public var state: String
    public var currency: String
    /// The sum of the instalments.
    public var total: String
    /// Days after an instalment's due date before the plan counts as broken.
    public var graceDays: Int
    /// What the debtor has paid since the plan was created.
    public var paidSince: String
    public var note: String?
    public var createdBy: String
    public var createdAt: String
    public var endedAt: String?
    public var instalments: [InstalmentInfo]

    /// Builds a plan.
    public init(id: Int, state: String, currency: String, total: String, graceDays: Int, paidSince: String,
                note: String? = nil, createdBy: String, createdAt: String, endedAt: String? = nil,
                instalments: [InstalmentInfo]) {
        self.id = id
        self.state = state
        self.currency = currency
        self.total = total
        self.graceDays = graceDays
        self.paidSince = paidSince
        self.note = note
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.endedAt = endedAt
        self.instalments = instalments
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
