/// Reply of `SetPolicy`.
public struct SetPolicyReply: Codable, Sendable, Equatable {
    /// The policy as stored.
    public var policy: PolicyInfo
    /// What changed.
    public var changes: PolicyChanges
    /// Builds the reply.
    public init(policy: PolicyInfo, changes: PolicyChanges) {
        self.policy = policy
        self.changes = changes
    }
}
