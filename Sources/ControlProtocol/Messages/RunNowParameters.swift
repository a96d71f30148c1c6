/// Parameters of `RunNow`.
public struct RunNowParameters: Codable, Sendable, Equatable {
    /// One tenant's slug, or every tenant when absent.
    public var tenant: String?

    /// Builds the parameters.
    public init(tenant: String? = nil) {
        self.tenant = tenant
    }
}
