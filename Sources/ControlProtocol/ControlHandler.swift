/// What answers the methods of `io.recouvre.Control`; the daemon implements it and
/// ``ControlServer`` calls it.
///
/// Methods throw ``ControlError`` for the interface's errors; any other error is
/// reported to the client as `io.recouvre.Control.Failed` with the error's description.
public protocol ControlHandler: Sendable {
    /// `GetStatus`: what the daemon is doing.
    func getStatus() async throws -> DaemonStatus
    /// `CreateTenant`: registers a tenant and creates its schema.
    func createTenant(_ p: CreateTenantParameters) async throws -> TenantInfo
    /// `ListTenants`: every tenant, sorted by slug.
    func listTenants() async throws -> [TenantInfo]
    /// `GetTenant`: one tenant and its action counts.
    func getTenant(slug: String) async throws -> GetTenantReply
    /// `UpdateTenant`: changes the fields given.
    func updateTenant(_ p: UpdateTenantParameters) async throws -> TenantInfo
    /// `PauseTenant`: stops executing the tenant's actions.
    func pauseTenant(slug: String) async throws -> TenantInfo
    /// `ResumeTenant`: executes the tenant's actions again.
    func resumeTenant(slug: String) async throws -> TenantInfo
    /// `ListActions`: a tenant's actions.
    func listActions(_ p: ListActionsParameters) async throws -> [ActionInfo]
    /// `RetryAction`: schedules a failed or dead action again.
    func retryAction(tenant: String, id: Int) async throws -> ActionInfo
    /// `CancelAction`: cancels a scheduled or failed action.
    func cancelAction(tenant: String, id: Int) async throws -> ActionInfo
    /// `RunNow`: looks for due work now; returns how many tenants were looked at.
    func runNow(tenant: String?) async throws -> Int
    /// `Migrate`: applies pending migrations everywhere.
    func migrate() async throws -> MigrationSummary
}
