/// Reply of `GrantReduction`.
public struct ReductionReply: Codable, Sendable, Equatable {
    /// The reduction granted.
    public var reduction: ReductionInfo
    /// Builds the reply.
    public init(reduction: ReductionInfo) { self.reduction = reduction }
}
