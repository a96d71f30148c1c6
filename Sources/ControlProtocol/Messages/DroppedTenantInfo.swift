/// A tenant that was just dropped.
public struct DroppedTenantInfo: Codable, Sendable, Equatable {
    public var slug: String
    public var displayName: String
    /// The schema dropped, `tenant_<slug>`.
    public var schema: String
    /// When (ISO 8601, UTC) and by whom (the control socket's peer).
    public var droppedAt: String
    public var droppedBy: String
    /// The tenant's actions by state, which went with the schema.
    public var discarded: ActionCounts

    /// Builds the description.
    public init(slug: String, displayName: String, schema: String, droppedAt: String, droppedBy: String,
                discarded: ActionCounts) {
        self.slug = slug
        self.displayName = displayName
        self.schema = schema
        self.droppedAt = droppedAt
        self.droppedBy = droppedBy
        self.discarded = discarded
    }
}

/// Reply of `DropTenant`.
public struct DropTenantReply: Codable, Sendable, Equatable {
    public var dropped: DroppedTenantInfo

    /// Builds the reply.
    public init(dropped: DroppedTenantInfo) { self.dropped = dropped }
}
