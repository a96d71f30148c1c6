/// Reply of `ListTenants`.
public struct ListTenantsReply: Codable, Sendable, Equatable {
    /// Every tenant, sorted by slug.
    public var tenants: [TenantInfo]

    /// Builds the reply.
    public init(tenants: [TenantInfo]) {
        self.tenants = tenants
    }
}
