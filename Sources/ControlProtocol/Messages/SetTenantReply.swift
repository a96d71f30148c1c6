/// Reply of `SetTenant`.
public struct SetTenantReply: Codable, Sendable, Equatable {
    /// The tenant as it is now.
    public var tenant: TenantInfo
    /// The settings whose value changed, by their parameter names; empty when every value
    /// given was already the tenant's.
    public var changed: [String]

    /// Builds the reply.
    public init(tenant: TenantInfo, changed: [String]) {
        self.tenant = tenant
        self.changed = changed
    }
}
