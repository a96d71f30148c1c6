/// The varlink type `Action`: one step of a collection plan.
public struct ActionInfo: Codable, Sendable, Equatable {
    /// The action's id within its tenant.
    public var id: Int
    /// What it does, e.g. `reminder`.
    public var kind: String
    /// How it is delivered, e.g. `email`.
    public var channel: String
    /// One of ``ControlValidation/actionStates``.
    public var state: String
    /// The debtor it concerns.
    public var debtorId: Int
    /// The invoice it concerns, if only one.
    public var invoiceId: Int?
    /// Its rank in the debtor's plan.
    public var step: Int
    /// When it becomes due (ISO 8601).
    public var dueAt: String
    /// Deliveries tried so far.
    public var attempts: Int
    /// Why the last delivery failed, if it did.
    public var lastError: String?
    /// When it last changed (ISO 8601).
    public var updatedAt: String

    /// Builds an action description.
    public init(
        id: Int, kind: String, channel: String, state: String, debtorId: Int, invoiceId: Int? = nil,
        step: Int, dueAt: String, attempts: Int, lastError: String? = nil, updatedAt: String
    ) {
        self.id = id
        self.kind = kind
        self.channel = channel
        self.state = state
        self.debtorId = debtorId
        self.invoiceId = invoiceId
        self.step = step
        self.dueAt = dueAt
        self.attempts = attempts
        self.lastError = lastError
        self.updatedAt = updatedAt
    }

    /// Encodes every field, absent optionals as `null`, so that `--json` output keeps one shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(channel, forKey: .channel)
        try c.encode(state, forKey: .state)
        try c.encode(debtorId, forKey: .debtorId)
        try c.encode(invoiceId, forKey: .invoiceId)
        try c.encode(step, forKey: .step)
        try c.encode(dueAt, forKey: .dueAt)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(lastError, forKey: .lastError)
        try c.encode(updatedAt, forKey: .updatedAt)
    }
}
