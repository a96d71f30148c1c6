/// The varlink type `PolicyStep`: one step of a collection policy.
public struct PolicyStepInfo: Codable, Sendable, Equatable, EncodesEveryField {
    /// 1 to 50, unique in the policy.
    public var position: Int
    /// Days from the due date; negative before it.
    public var offsetDays: Int
    public var stage: String
    public var channel: String
    public var template: String
    public var minOutstanding: String
    public var maxOutstanding: String?
    public var requiresApproval: Bool
    /// Local time, `HH:MM`.
    public var sendAt: String

    /// Builds a step.
    public init(position: Int, offsetDays: Int, stage: String, channel: String, template: String,
                minOutstanding: String = "0.00", maxOutstanding: String? = nil, requiresApproval: Bool = false,
                sendAt: String = "09:00") {
        self.position = position
        self.offsetDays = offsetDays
        self.stage = stage
        self.channel = channel
        self.template = template
        self.minOutstanding = minOutstanding
        self.maxOutstanding = maxOutstanding
        self.requiresApproval = requiresApproval
        self.sendAt = sendAt
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
