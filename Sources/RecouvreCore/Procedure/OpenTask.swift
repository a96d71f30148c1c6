import Foundation

/// A collectors' task a case step opened (a call, a hand-off, a court file), still open.
public struct OpenTask: Sendable, Hashable {
    public let id: Int64
    /// The position of the step that opened it; nil for a task opened otherwise.
    public let stepPosition: Int?
    /// When it should be done by.
    public let deadline: Date?
    /// Its deadline has passed and that was already acted on.
    public let overdueNoted: Bool

    public init(id: Int64, stepPosition: Int?, deadline: Date?, overdueNoted: Bool = false) {
        self.id = id
        self.stepPosition = stepPosition
        self.deadline = deadline
        self.overdueNoted = overdueNoted
    }
}

/// A task found past its deadline, and what the policy says to do about it.
public struct OverdueTask: Sendable, Hashable {
    public let taskId: Int64
    public let rule: TaskOverdueRule
    /// The case's next step was made due at once. Only when the task's step is still the
    /// case's latest: once the procedure has moved on, escalating would rush a step the task
    /// was never about.
    public let escalated: Bool

    public init(taskId: Int64, rule: TaskOverdueRule, escalated: Bool) {
        self.taskId = taskId
        self.rule = rule
        self.escalated = escalated
    }
}
