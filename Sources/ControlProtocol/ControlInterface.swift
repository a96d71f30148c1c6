/// The varlink interface `io.recouvre.Control`, as served by
/// `org.varlink.service.GetInterfaceDescription`.
///
/// This constant is the source of truth; the resource file
/// `io.recouvre.Control.varlink` beside it is a copy for tools that read
/// interface files, and a test keeps the two identical. The text lives in
/// code so that the daemon can serve it whatever way it was installed.
public enum ControlInterface {
    /// The interface's name, prefix of its methods and errors.
    public static let name = "io.recouvre.Control"

    /// The interface description in the varlink IDL.
    public static let description = #"""
    # Control interface of the Recouvre collections daemon (recouvred).
    #
    # Operators drive the daemon through this interface over its Unix socket,
    # usually with recouvrectl. Timestamps are ISO 8601 strings in UTC.
    interface io.recouvre.Control

    # What the daemon is doing right now.
    # version: the daemon's version; pid: its process id.
    # startedAt: when it started; uptimeSeconds: seconds since then.
    # ready: it has connected to the database and runs passes.
    # draining: it is shutting down and claims no new work.
    # database: the database it uses, without password.
    # workers: worker slots; inFlight: actions being executed now.
    # tenantsTotal: tenants registered; tenantsActive: tenants not paused.
    # lastPassAt: when the scheduler last looked for due work.
    # lastError: the last error met by a pass, if any.
    type DaemonStatus (
      version: string,
      pid: int,
      startedAt: string,
      uptimeSeconds: int,
      ready: bool,
      draining: bool,
      database: string,
      workers: int,
      inFlight: int,
      tenantsTotal: int,
      tenantsActive: int,
      lastPassAt: ?string,
      lastError: ?string
    )

    # One creditor using the service, with its own database schema.
    # slug: identifier, ^[a-z][a-z0-9_]{1,39}$; the schema is tenant_<slug>.
    # status: "active" or "paused"; timezone: IANA name; locale: "fr" or "en".
    # emailFrom and smtpURL override the daemon's defaults for this tenant.
    # schemaVersion: the last tenant migration applied to its schema.
    type Tenant (
      slug: string,
      displayName: string,
      status: string,
      timezone: string,
      locale: string,
      emailFrom: ?string,
      smtpURL: ?string,
      schemaVersion: int,
      createdAt: string
    )

    # Number of a tenant's actions in each state.
    type ActionCounts (
      scheduled: int,
      running: int,
      succeeded: int,
      failed: int,
      cancelled: int,
      dead: int
    )

    # One step of a collection plan: a reminder, a letter, a call task.
    # kind: what it does; channel: how it is delivered.
    # state: scheduled, running, succeeded, failed, cancelled or dead.
    # step: its rank in the debtor's plan; dueAt: when it becomes due.
    # attempts: deliveries tried so far; lastError: why the last one failed.
    type Action (
      id: int,
      kind: string,
      channel: string,
      state: string,
      debtorId: int,
      invoiceId: ?int,
      step: int,
      dueAt: string,
      attempts: int,
      lastError: ?string,
      updatedAt: string
    )

    # What Migrate did.
    # controlApplied: migrations applied to the control schema.
    # tenantsMigrated: tenant schemas that needed and got migrations.
    # tenantsTotal: tenant schemas looked at.
    type MigrationSummary (
      controlApplied: int,
      tenantsMigrated: int,
      tenantsTotal: int
    )

    # Tells whether the daemon is up, ready or draining, and how busy it is.
    method GetStatus() -> (status: DaemonStatus)

    # Registers a tenant and creates its schema. timezone defaults to
    # Europe/Paris, locale to fr; emailFrom and smtpURL to the daemon's defaults.
    method CreateTenant(
      slug: string,
      displayName: string,
      timezone: ?string,
      locale: ?string,
      emailFrom: ?string,
      smtpURL: ?string
    ) -> (tenant: Tenant)

    # Lists every tenant, sorted by slug.
    method ListTenants() -> (tenants: []Tenant)

    # Shows one tenant and how many of its actions are in each state.
    method GetTenant(slug: string) -> (tenant: Tenant, actions: ActionCounts)

    # Changes the given fields of a tenant; absent fields keep their value.
    method UpdateTenant(
      slug: string,
      displayName: ?string,
      timezone: ?string,
      locale: ?string,
      emailFrom: ?string,
      smtpURL: ?string
    ) -> (tenant: Tenant)

    # Stops executing a tenant's actions; they stay scheduled. Idempotent.
    method PauseTenant(slug: string) -> (tenant: Tenant)

    # Executes a paused tenant's actions again. Idempotent.
    method ResumeTenant(slug: string) -> (tenant: Tenant)

    # Lists a tenant's actions, newest first, optionally in one
    # state. limit: 1 to 1000, default 100.
    method ListActions(tenant: string, state: ?string, limit: ?int) -> (actions: []Action)

    # Schedules a failed or dead action again, due now.
    method RetryAction(tenant: string, id: int) -> (action: Action)

    # Cancels a scheduled or failed action.
    method CancelAction(tenant: string, id: int) -> (action: Action)

    # Looks for due work now instead of at the next pass, for one tenant or all.
    # tenants: how many tenants were looked at.
    method RunNow(tenant: ?string) -> (tenants: int)

    # Applies pending migrations to the control schema and every tenant schema.
    method Migrate() -> (summary: MigrationSummary)

    # No tenant has this slug.
    error TenantNotFound (slug: string)

    # A tenant with this slug already exists.
    error TenantExists (slug: string)

    # The slug does not match ^[a-z][a-z0-9_]{1,39}$; reason says why.
    error InvalidSlug (slug: string, reason: string)

    # A parameter has a value the daemon does not accept; reason says why.
    error InvalidArgument (field: string, reason: string)

    # The tenant has no action with this id.
    error ActionNotFound (tenant: string, id: int)

    # The action is in a state that does not allow this change.
    error ActionStateConflict (id: int, state: string, reason: string)

    # The daemon cannot reach its database now; retry later.
    error DatabaseUnavailable (reason: string)

    # The peer's user and groups are not allowed to use the control socket.
    error PermissionDenied (uid: int)

    # Anything else went wrong; reason says what.
    error Failed (reason: string)

    """#

    /// The fully qualified name of `member`, e.g. `io.recouvre.Control.GetStatus`.
    public static func qualified(_ member: String) -> String {
        name + "." + member
    }
}
