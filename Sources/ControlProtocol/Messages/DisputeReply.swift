/// Reply of `OpenDispute` and `ResolveDispute`.
public struct DisputeReply: Codable, Sendable, Equatable {
    /// The dispute as it is now.
    public var dispute: DisputeInfo
    /// Builds the reply.
    public init(dispute: DisputeInfo) { self.dispute = dispute }
}
