/// Parameters of `MigrateBatch`.
public struct MigrateBatchParameters: Codable, Sendable, Equatable {
    /// Tenants to migrate in this call, 1 to 1000; 100 when absent.
    public var limit: Int?

    /// Builds the parameters.
    public init(limit: Int? = nil) { self.limit = limit }
}

/// The varlink type `MigrationProgress`: what one `MigrateBatch` call did and what is left.
public struct MigrationProgress: Codable, Sendable, Equatable {
    /// Migrations applied to the control schema by this call (the first call applies them).
    public var controlApplied: Int
    /// Tenant schemas this call brought up to date.
    public var migrated: Int
    /// Tenant schemas still behind this build.
    public var remaining: Int
    /// Tenants registered.
    public var total: Int

    /// Builds the progress.
    public init(controlApplied: Int, migrated: Int, remaining: Int, total: Int) {
        self.controlApplied = controlApplied
        self.migrated = migrated
        self.remaining = remaining
        self.total = total
    }
}

/// Reply of `MigrateBatch`.
public struct MigrateBatchReply: Codable, Sendable, Equatable {
    public var progress: MigrationProgress

    /// Builds the reply.
    public init(progress: MigrationProgress) { self.progress = progress }
}
