/// The varlink type `Task`: work for a collector (a call, an approval, a hand-off).
public struct TaskInfo: Codable, Sendable, Equatable, EncodesEveryField {
    public var id: Int
    public var debtorId: Int
    public var debtorRef: String
    public var debtorName: String
    public var caseId: Int?
    /// The action that opened it, if any.
    public var actionId: Int?
    /// `call`, `approval`, `agency_handoff`, `small_claims` or `court_file`.
    public var kind: String
    /// `open`, `done` or `cancelled`.
    public var state: String
    public var title: String
    public var deadline: String?
    /// When the daemon found it still open past its deadline.
    public var overdueAt: String?
    public var createdAt: String
    public var completedAt: String?
    public var completedBy: String?
    /// What was recorded when it was done, as JSON text.
    public var outcome: String?

    /// Builds a task.
    public init(id: Int, debtorId: Int, debtorRef: String, debtorName: String, caseId: Int? = nil, actionId: Int? = nil,
                kind: String, state: String, title: String, deadline: String? = nil, createdAt: String,
                completedAt: String? = nil, completedBy: String? = nil, outcome: String? = nil, overdueAt: String? = nil) {
        self.overdueAt = overdueAt
        self.id = id
        self.debtorId = debtorId
        self.debtorRef = debtorRef
        self.debtorName = debtorName
        self.caseId = caseId
        self.actionId = actionId
        self.kind = kind
        self.state = state
        self.title = title
        self.deadline = deadline
        self.createdAt = createdAt
        self.completedAt = completedAt
        self.completedBy = completedBy
        self.outcome = outcome
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
