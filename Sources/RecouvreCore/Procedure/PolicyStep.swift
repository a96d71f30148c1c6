import Foundation

/// One step of a collection policy.
public struct PolicyStep: Sendable, Hashable {
    /// 1-based, unique in its policy; steps run in this order.
    public let position: Int
    /// Days from the due date; negative is before it (a courtesy reminder).
    public let offsetDays: Int
    public let stage: CollectionStage
    public let channel: StepChannel
    /// The template rendered (message channels) or the kind of task opened (task channel).
    public let template: String
    /// The step applies only when the collectible total is at least this.
    public let minOutstanding: Decimal
    /// … and at most this, when set (e.g. the small-claims procedure, up to €5,000).
    public let maxOutstanding: Decimal?
    /// A person approves the step before it goes.
    public let requiresApproval: Bool
    /// Local time the step is planned at, on its day.
    public let sendAt: LocalTime
    /// An e-mail step attaches the debtor's statement of account as a PDF.
    public let attachStatement: Bool
    /// What happens when the task a task step opened is still open past its deadline.
    public let whenOverdue: TaskOverdueRule

    /// Creates a step.
    public init(position: Int, offsetDays: Int, stage: CollectionStage, channel: StepChannel, template: String,
                minOutstanding: Decimal = 0, maxOutstanding: Decimal? = nil, requiresApproval: Bool = false,
                sendAt: LocalTime = .nine, attachStatement: Bool = false, whenOverdue: TaskOverdueRule = .wait) {
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

    /// A step before the due date, planned per invoice rather than per case.
    public var isCourtesy: Bool { offsetDays < 0 }

    /// Whether the step's amount conditions hold for `total`.
    public func applies(toCollectible total: Decimal) -> Bool {
        total >= minOutstanding && (maxOutstanding.map { total <= $0 } ?? true)
    }
}
