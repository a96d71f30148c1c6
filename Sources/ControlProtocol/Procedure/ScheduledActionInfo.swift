/// The varlink type `ScheduledAction`: work the daemon will do for a debtor.
public struct ScheduledActionInfo: Codable, Sendable, Equatable, EncodesEveryField {
    public var id: Int
    /// `step`, `courtesy`, `instalment_reminder`, …
    public var kind: String
    /// `scheduled`, or `held` while it waits for an approval.
    public var state: String
    public var channel: String
    /// The policy step's position (or the reminder's rank).
    public var step: Int
    public var stage: String?
    public var template: String?
    /// When it is due (ISO 8601, UTC).
    public var dueAt: String
    /// The same moment in the debtor's zone, `YYYY-MM-DD HH:MM`.
    public var dueLocal: String

    /// Builds a scheduled action.
    public init(id: Int, kind: String, state: String, channel: String, step: Int, stage: String? = nil,
                template: String? = nil, dueAt: String, dueLocal: String) {
        self.id = id
        self.kind = kind
        self.state = state
        self.channel = channel
        self.step = step
        self.stage = stage
        self.template = template
        self.dueAt = dueAt
        self.dueLocal = dueLocal
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
