/// The varlink type `PolicyChanges`: what `SetPolicy` changed.
public struct PolicyChanges: Codable, Sendable, Equatable {
    /// The policy did not exist before.
    public var created: Bool
    /// Policy-level fields that changed, by their document names (`grace_days`, …).
    public var settings: [String]
    /// Positions of steps added, removed, and changed.
    public var added: [Int]
    public var removed: [Int]
    public var changed: [Int]

    /// Builds a change summary.
    public init(created: Bool, settings: [String] = [], added: [Int] = [], removed: [Int] = [], changed: [Int] = []) {
        self.created = created
        self.settings = settings
        self.added = added
        self.removed = removed
        self.changed = changed
    }

    /// Nothing changed.
    public var isEmpty: Bool { !created && settings.isEmpty && added.isEmpty && removed.isEmpty && changed.isEmpty }
}
