/// The varlink type `Case`: a debtor's collection case.
public struct CaseInfo: Codable, Sendable, Equatable, EncodesEveryField {
    public var id: Int
    /// The policy the case follows.
    public var policy: String
    /// `open` or `closed`.
    public var state: String
    /// The stage of the last step done, if any.
    public var stage: String?
    /// The position of the last step done in the policy (0: none yet).
    public var position: Int
    /// A call asked for the next step to come now.
    public var expedite: Bool
    public var openedAt: String
    public var lastStepAt: String?
    public var closedAt: String?
    /// Why it closed: paid, promise_kept, plan_completed, written_off or dispute_upheld.
    public var closeReason: String?

    /// Builds a case description.
    public init(id: Int, policy: String, state: String, stage: String? = nil, position: Int, expedite: Bool = false,
                openedAt: String, lastStepAt: String? = nil, closedAt: String? = nil, closeReason: String? = nil) {
        self.id = id
        self.policy = policy
        self.state = state
        self.stage = stage
        self.position = position
        self.expedite = expedite
        self.openedAt = openedAt
        self.lastStepAt = lastStepAt
        self.closedAt = closedAt
        self.closeReason = closeReason
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
