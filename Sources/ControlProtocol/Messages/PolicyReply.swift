/// Reply of `GetPolicy`.
public struct PolicyReply: Codable, Sendable, Equatable {
    /// The policy.
    public var policy: PolicyInfo
    /// Builds the reply.
    public init(policy: PolicyInfo) { self.policy = policy }
}
