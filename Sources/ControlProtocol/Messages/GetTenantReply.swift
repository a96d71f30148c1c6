/// Reply of `GetTenant`.
public struct GetTenantReply: Codable, Sendable, Equatable {
    /// The tenant.
    public var tenant: TenantInfo
    /// How many of its actions are in each state.
    public var actions: ActionCounts

    /// Builds the reply.
    public init(tenant: TenantInfo, actions: ActionCounts) {
        self.tenant = tenant
        self.actions = actions
    }
}
