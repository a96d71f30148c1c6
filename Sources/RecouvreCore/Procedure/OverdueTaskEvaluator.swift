import Foundation

/// Finds the case's tasks that went past their deadline and applies the policy's rule for each.
enum OverdueTaskEvaluator {
    /// The tasks newly past their deadline at `now`, and the next deadline still to come (when
    /// the debtor should be reviewed again). A task whose step is no longer in the policy follows
    /// `wait`.
    static func evaluate(_ tasks: [OpenTask], openCase: OpenCase?, policy: CollectionPolicy?,
                         now: Date) -> (overdue: [OverdueTask], nextDeadline: Date?) {
        var overdue: [OverdueTask] = []
        var next: Date?
        for task in tasks where !task.overdueNoted {
            guard let deadline = task.deadline else { continue }
            guard deadline <= now else {
                next = min(next ?? deadline, deadline)
                continue
            }
            let rule = task.stepPosition.flatMap { policy?.step(at: $0) }?.whenOverdue ?? .wait
            let escalated = rule == .escalate && openCase != nil && task.stepPosition == openCase?.position
            overdue.append(OverdueTask(taskId: task.id, rule: rule, escalated: escalated))
        }
        return (overdue, next)
    }
}
