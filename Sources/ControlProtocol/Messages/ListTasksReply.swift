/// Reply of `ListTasks`.
public struct ListTasksReply: Codable, Sendable, Equatable {
    /// The tasks, deadline first.
    public var tasks: [TaskInfo]
    /// Builds the reply.
    public init(tasks: [TaskInfo]) { self.tasks = tasks }
}
