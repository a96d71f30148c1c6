/// The varlink type `MigrationSummary`: what `Migrate` did.
public struct MigrationSummary: Codable, Sendable, Equatable {
    /// Migrations applied to the control schema.
    public var controlApplied: Int
    /// Tenant schemas that needed and got migrations.
    public var tenantsMigrated: Int
    /// Tenant schemas looked at.
    public var tenantsTotal: Int

    /// Builds a summary.
    public init(controlApplied: Int, tenantsMigrated: Int, tenantsTotal: Int) {
        self.controlApplied = controlApplied
        self.tenantsMigrated = tenantsMigrated
        self.tenantsTotal = tenantsTotal
    }
}
