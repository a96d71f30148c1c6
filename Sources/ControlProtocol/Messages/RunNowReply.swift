/// Reply of `RunNow`.
public struct RunNowReply: Codable, Sendable, Equatable {
    /// How many tenants were looked at.
    public var tenants: Int

    /// Builds the reply.
    public init(tenants: Int) {
        self.tenants = tenants
    }
}
