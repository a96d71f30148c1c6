/// Reply of `DeletePolicy`.
public struct DeletePolicyReply: Codable, Sendable, Equatable {
    /// The policy deleted.
    public var name: String
    /// Builds the reply.
    public init(name: String) { self.name = name }
}
