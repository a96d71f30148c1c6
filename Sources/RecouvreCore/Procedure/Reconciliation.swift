import Foundation

/// Identifies a piece of planned work, so that planning twice finds the same work (the
/// actions table has a unique index per key).
public enum PlannedWorkKey: Sendable, Hashable {
    /// A case step.
    case step(position: Int)
    /// A courtesy step of one invoice, before its due date.
    case courtesy(invoiceId: Int64, position: Int)
    /// A reminder of one instalment of a plan.
    case instalment(planId: Int64, instalment: Int, kind: InstalmentReminderKind)
}

/// Work the planner wants scheduled.
public struct PlannedWork: Sendable, Hashable {
    public let key: PlannedWorkKey
    public let stage: CollectionStage
    public let channel: StepChannel
    public let template: String
    /// The first allowed moment for it.
    public let dueAt: Date
    public let requiresApproval: Bool
    /// The invoices it is about.
    public let invoiceIds: [Int64]

    public init(key: PlannedWorkKey, stage: CollectionStage, channel: StepChannel, template: String, dueAt: Date,
                requiresApproval: Bool, invoiceIds: [Int64]) {
        self.key = key
        self.stage = stage
        self.channel = channel
        self.template = template
        self.dueAt = dueAt
        self.requiresApproval = requiresApproval
        self.invoiceIds = invoiceIds
    }
}

/// Why a case closed. The raw values are those of `cases.close_reason`.
public enum CaseCloseReason: String, Sendable, Hashable, Codable, CaseIterable {
    case paid
    case promiseKept = "promise_kept"
    case planCompleted = "plan_completed"
    case writtenOff = "written_off"
    case disputeUpheld = "dispute_upheld"
}

/// A case to open or close.
public enum CaseChange: Sendable, Hashable {
    case open(policy: String)
    case close(reason: CaseCloseReason)
}

/// What became of a running promise.
public enum PromiseChange: Sendable, Hashable {
    case kept
    case broken
}

/// What became of a plan in force.
public enum PlanChange: Sendable, Hashable {
    case completed
    case broken(missedInstalment: Int)
}

/// The planner's answer for one debtor at one moment.
public struct Reconciliation: Sendable, Hashable {
    public var caseChange: CaseChange?
    public var promiseChange: PromiseChange?
    public var planChange: PlanChange?
    /// Tasks whose deadline has passed since the last review.
    public var overdueTasks: [OverdueTask]
    /// Everything that should be scheduled for the debtor now, earliest first; scheduled work
    /// not in this list is cancelled.
    public var work: [PlannedWork]
    /// When to look at the debtor again even if nothing changes.
    public var nextReviewAt: Date?

    public init(caseChange: CaseChange? = nil, promiseChange: PromiseChange? = nil, planChange: PlanChange? = nil,
                overdueTasks: [OverdueTask] = [], work: [PlannedWork] = [], nextReviewAt: Date? = nil) {
        self.overdueTasks = overdueTasks
        self.caseChange = caseChange
        self.promiseChange = promiseChange
        self.planChange = planChange
        self.work = work
        self.nextReviewAt = nextReviewAt
    }
}
