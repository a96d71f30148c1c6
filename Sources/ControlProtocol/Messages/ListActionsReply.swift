/// Reply of `ListActions`.
public struct ListActionsReply: Codable, Sendable, Equatable {
    /// The actions, newest first.
    public var actions: [ActionInfo]

    /// Builds the reply.
    public init(actions: [ActionInfo]) {
        self.actions = actions
    }
}
