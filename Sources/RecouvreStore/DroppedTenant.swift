import Foundation

/// A tenant whose schema was dropped, as `recouvre.dropped_tenants` remembers it.
public struct DroppedTenant: Sendable, Equatable {
    public let slug: String
    public let displayName: String
    public let droppedAt: Date
    /// Who asked for the drop (the control socket's peer).
    public let droppedBy: String
    /// The tenant's actions by state when its schema was dropped: what went with it.
    public let discarded: ActionStateCounts

    public init(slug: String, displayName: String, droppedAt: Date, droppedBy: String, discarded: ActionStateCounts) {
        self.slug = slug
        self.displayName = displayName
        self.droppedAt = droppedAt
        self.droppedBy = droppedBy
        self.discarded = discarded
    }
}
