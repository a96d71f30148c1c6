/// Parameters of `RetryAction` and `CancelAction`.
public struct ActionReferenceParameters: Codable, Sendable, Equatable {
    /// The tenant's slug.
    public var tenant: String
    /// The action's id within the tenant.
    public var id: Int

    /// Builds the parameters.
    public init(tenant: String, id: Int) {
        self.tenant = tenant
        self.id = id
    }
}
