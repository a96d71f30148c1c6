/// What answers the methods of `io.recouvre.Control`; the daemon implements it and
/// ``ControlServer`` calls it.
///
/// Methods throw ``ControlError`` for the interface's errors; any other error is
/// reported to the client as `io.recouvre.Control.Failed` with the error's description.
/// Parameters that conform to ``ValidatedParameters`` were checked before the call.
/// Methods that change a tenant's data get the ``ControlCaller``, recorded as the author.
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

    /// `GetTenantChannels`: a tenant's letterhead, letter delivery, endpoints and rate (no secrets).
    func getTenantChannels(tenant: String) async throws -> TenantChannelsInfo
    /// `SetTenantChannels`: changes them.
    func setTenantChannels(_ p: TenantChannelsParameters, caller: ControlCaller) async throws -> TenantChannelsInfo
    /// `GetLetter`: the letter or court file a step left in the spool.
    func getLetter(_ p: GetLetterParameters) async throws -> LetterReply
    /// `PreviewPlan`: the timeline the daemon would follow, sending nothing.
    func previewPlan(_ p: PreviewPlanParameters) async throws -> PreviewPlanReply
    /// `GetCase`: a debtor's case with invoices, promises, plan, disputes, tasks and events.
    func getCase(_ p: GetCaseParameters) async throws -> GetCaseReply
    /// `RecordPayment`: records money received.
    func recordPayment(_ p: RecordPaymentParameters, caller: ControlCaller) async throws -> PaymentInfo
    /// `AddPromise`: records a promise to pay.
    func addPromise(_ p: AddPromiseParameters, caller: ControlCaller) async throws -> PromiseInfo
    /// `CreatePlan`: creates a payment plan.
    func createPlan(_ p: CreatePlanParameters, caller: ControlCaller) async throws -> PlanInfo
    /// `OpenDispute`: opens a dispute on an invoice or the whole debtor.
    func openDispute(_ p: OpenDisputeParameters, caller: ControlCaller) async throws -> DisputeInfo
    /// `ResolveDispute`: resumes collection or cancels the disputed outstanding.
    func resolveDispute(_ p: ResolveDisputeParameters, caller: ControlCaller) async throws -> DisputeInfo
    /// `GrantReduction`: a reduction, credit note or write-off on an invoice.
    func grantReduction(_ p: GrantReductionParameters, caller: ControlCaller) async throws -> ReductionInfo
    /// `ListTasks`: collectors' tasks.
    func listTasks(_ p: ListTasksParameters) async throws -> [TaskInfo]
    /// `CompleteTask`: records a call's outcome, decides an approval, or closes another task.
    func completeTask(_ p: CompleteTaskParameters, caller: ControlCaller) async throws -> TaskInfo
    /// `ListPolicies`: the tenant's policies in the order they are tried.
    func listPolicies(tenant: String) async throws -> [PolicySummary]
    /// `GetPolicy`: one policy and its steps.
    func getPolicy(tenant: String, name: String) async throws -> PolicyInfo
    /// `SetPolicy`: creates or replaces a policy from a document.
    func setPolicy(_ p: SetPolicyParameters, caller: ControlCaller) async throws -> SetPolicyReply
    /// `DeletePolicy`: deletes a policy no case or debtor uses.
    func deletePolicy(tenant: String, name: String, caller: ControlCaller) async throws
    /// `GetMetrics`: the Prometheus text exposition.
    func getMetrics() async throws -> String

    /// `Reload`: re-reads the configuration file and applies what can change at runtime.
    func reload() async throws -> ReloadReply
    /// `Drain`: stops claiming new work; the actions in flight finish.
    func drain() async throws -> DrainReply
    /// `Undrain`: claims work again.
    func undrain() async throws -> DrainReply
    /// `SetLogLevel`: changes the log level until the next reload or restart.
    func setLogLevel(_ level: String) async throws -> SetLogLevelReply

    /// `SetTenant`: sets and clears a tenant's settings, journaled with the caller.
    func setTenant(_ p: SetTenantParameters, caller: ControlCaller) async throws -> SetTenantReply
    /// `DescribeTenantExport`: what a client needs to dump the tenant's schema itself.
    func describeTenantExport(slug: String) async throws -> TenantExportInfo
    /// `DropTenant`: drops a paused tenant with nothing running, journaled with the caller.
    func dropTenant(_ p: DropTenantParameters, caller: ControlCaller) async throws -> DroppedTenantInfo
    /// `MigrateBatch`: the control schema, then up to `limit` tenants behind; what is left.
    func migrateBatch(limit: Int) async throws -> MigrationProgress

    /// `GetReport`: one of the tenant's reports, as its reporting view gives it.
    func getReport(_ p: GetReportParameters) async throws -> ReportInfo
    /// `ImportBankStatement`: records a statement's new credits, matched to invoices or left unmatched.
    func importBankStatement(_ p: ImportBankStatementParameters, caller: ControlCaller) async throws -> BankImportSummary
    /// `ListUnmatchedCredits`: the credits waiting for a person.
    func listUnmatchedCredits(tenant: String) async throws -> [BankCreditInfo]
    /// `AssignCredit`: records an unmatched credit as a payment of an invoice or debtor.
    func assignCredit(_ p: AssignCreditParameters, caller: ControlCaller) async throws -> BankCreditInfo
    /// `IgnoreCredit`: sets an unmatched credit aside.
    func ignoreCredit(_ p: IgnoreCreditParameters, caller: ControlCaller) async throws -> BankCreditInfo
}
