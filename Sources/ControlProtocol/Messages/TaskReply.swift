/// Reply of `CompleteTask`.
public struct TaskReply: Codable, Sendable, Equatable {
    /// The task as it is now.
    public var task: TaskInfo
    /// Builds the reply.
    public init(task: TaskInfo) { self.task = task }
}
