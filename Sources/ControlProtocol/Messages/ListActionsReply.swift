/// Reply of `ListActions`.
public struct ListActionsReply: Codable, Sendable, Equatable {
    /// The actions, most recently updated first.
    public var actions: [ActionInfo]

    /// Builds the reply.
    public init(actions: [ActionInfo]) {
        self.actions = actions
    }
}
