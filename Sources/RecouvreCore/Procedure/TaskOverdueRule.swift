/// What happens when the collectors' task a step opened (a call, a hand-off, a court file) is
/// still open past its deadline. Set per task step (`policy_steps.when_overdue`).
public enum TaskOverdueRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// The task is marked overdue and journaled (`task_overdue`); the procedure keeps its pace.
    case wait
    /// The task is marked overdue and the case's next step becomes due at once, as when a
    /// collector records the outcome `escalate`.
    case escalate
}
