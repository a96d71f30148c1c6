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
    /// An e-mail step attaches the statement of account (PDF).
    public var attachStatement: Bool
    /// A task step's rule once its task is past its deadline: `wait` or `escalate`.
    public var whenOverdue: String

    /// Builds a step.
    public init(position: Int, offsetDays: Int, stage: String, channel: String, template: String,
                minOutstanding: String = "0.00", maxOutstanding: String? = nil, requiresApproval: Bool = false,
                sendAt: String = "09:00", attachStatement: Bool = false, whenOverdue: String = "wait") {
        self.position = position
        self.offsetDays = offsetDays
        self.stage = stage
        self.channel = channel
        self.template = template
        self.minOutstanding = minOutstanding
        self.maxOutstanding = maxOutstanding
        self.requiresApproval = requiresApproval
        self.sendAt = sendAt
        self.attachStatement = attachStatement
        self.whenOverdue = whenOverdue
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
