/// Reply of `CreatePlan`.
public struct PlanReply: Codable, Sendable, Equatable {
    /// The plan created.
    public var plan: PlanInfo
    /// Builds the reply.
    public init(plan: PlanInfo) { self.plan = plan }
}
