/// Reply of `CreateTenant`, `UpdateTenant`, `PauseTenant` and `ResumeTenant`.
public struct TenantReply: Codable, Sendable, Equatable {
    /// The tenant as it is now.
    public var tenant: TenantInfo

    /// Builds the reply.
    public init(tenant: TenantInfo) {
        self.tenant = tenant
    }
}
