/// Parameters of `CompleteTask`. Which fields fit depends on the task's kind: a call takes
/// `reached`, `reason` and `next`; an approval takes `approve`; the others only `note`.
public struct CompleteTaskParameters: Codable, Sendable, Equatable, ValidatedParameters {
    /// The tenant's slug.
    public var tenant: String
    /// The task's id.
    public var id: Int
    /// Call: whether the debtor was reached.
    public var reached: Bool?
    /// Call: why the debtor has not paid (oversight, cash_flow, disagreement, not_received, refusal, unreachable, other).
    public var reason: String?
    /// Call: `continue` (default) or `escalate`.
    public var next: String?
    /// Approval: true to approve the step, false to reject it.
    public var approve: Bool?
    /// What happened.
    public var note: String?

    /// Builds the parameters.
    public init(tenant: String, id: Int, reached: Bool? = nil, reason: String? = nil, next: String? = nil,
                approve: Bool? = nil, note: String? = nil) {
        self.tenant = tenant
        self.id = id
        self.reached = reached
        self.reason = reason
        self.next = next
        self.approve = approve
        self.note = note
    }

    /// Whether call fields are given.
    public var hasCallOutcome: Bool { reached != nil || reason != nil || next != nil }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        try ControlValidation.check(id: id, field: "id")
        if let reason { try ControlValidation.check(reason, among: ControlValidation.callReasons, field: "reason") }
        if let next { try ControlValidation.check(next, among: ControlValidation.nextSteps, field: "next") }
        if hasCallOutcome && approve != nil {
            throw ParameterProblem("approve", "a call outcome (reached, reason, next) and an approval do not go together: a task is either a call or an approval")
        }
        if let note { try ControlValidation.check(note: note) }
    }
}
