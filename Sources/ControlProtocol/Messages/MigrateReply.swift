/// Reply of `Migrate`.
public struct MigrateReply: Codable, Sendable, Equatable {
    /// What the migration did.
    public var summary: MigrationSummary

    /// Builds the reply.
    public init(summary: MigrationSummary) {
        self.summary = summary
    }
}
