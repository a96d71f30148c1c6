/// Reply of `ListPolicies`.
public struct ListPoliciesReply: Codable, Sendable, Equatable {
    /// The policies in the order they are tried: priority, then name.
    public var policies: [PolicySummary]
    /// Builds the reply.
    public init(policies: [PolicySummary]) { self.policies = policies }
}
