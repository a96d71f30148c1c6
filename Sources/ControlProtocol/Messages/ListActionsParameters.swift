/// Parameters of `ListActions`.
public struct ListActionsParameters: Codable, Sendable, Equatable {
    /// The tenant's slug.
    public var tenant: String
    /// Only actions in this state, when given.
    public var state: String?
    /// At most this many actions, 1 to 1000; the daemon's default (100) when absent.
    public var limit: Int?

    /// Builds the parameters.
    public init(tenant: String, state: String? = nil, limit: Int? = nil) {
        self.tenant = tenant
        self.state = state
        self.limit = limit
    }
}
