/// Reply of `RetryAction` and `CancelAction`.
public struct ActionReply: Codable, Sendable, Equatable {
    /// The action as it is now.
    public var action: ActionInfo

    /// Builds the reply.
    public init(action: ActionInfo) {
        self.action = action
    }
}
