/// Typed calls of `io.recouvre.Control` over a ``VarlinkClient``.
///
/// Every method throws ``ControlError`` for the daemon's errors and
/// ``VarlinkClientError`` when the daemon cannot be reached or replies nonsense.
/// Calls block; see ``VarlinkClient``.
public final class ControlClient: Sendable {
    /// The connection used.
    public let connection: VarlinkClient

    /// Connects to the daemon at `path`.
    public init(path: String = RecouvreSocket.defaultPath, timeout: Duration = .seconds(30)) throws {
        connection = try VarlinkClient(path: path, timeout: timeout)
    }

    /// `org.varlink.service.GetInfo`.
    public func info() throws -> VarlinkServiceInfo {
        try connection.call(VarlinkServiceInterface.qualified("GetInfo"), EmptyParameters(), replying: VarlinkServiceInfo.self)
    }

    /// `GetStatus`.
    public func getStatus() throws -> DaemonStatus {
        try call("GetStatus", EmptyParameters(), GetStatusReply.self).status
    }

    /// `CreateTenant`.
    public func createTenant(_ p: CreateTenantParameters) throws -> TenantInfo {
        try call("CreateTenant", p, TenantReply.self).tenant
    }

    /// `ListTenants`.
    public func listTenants() throws -> [TenantInfo] {
        try call("ListTenants", EmptyParameters(), ListTenantsReply.self).tenants
    }

    /// `GetTenant`.
    public func getTenant(slug: String) throws -> GetTenantReply {
        try call("GetTenant", SlugParameters(slug: slug), GetTenantReply.self)
    }

    /// `UpdateTenant`.
    public func updateTenant(_ p: UpdateTenantParameters) throws -> TenantInfo {
        try call("UpdateTenant", p, TenantReply.self).tenant
    }

    /// `PauseTenant`.
    public func pauseTenant(slug: String) throws -> TenantInfo {
        try call("PauseTenant", SlugParameters(slug: slug), TenantReply.self).tenant
    }

    /// `ResumeTenant`.
    public func resumeTenant(slug: String) throws -> TenantInfo {
        try call("ResumeTenant", SlugParameters(slug: slug), TenantReply.self).tenant
    }

    /// `ListActions`.
    public func listActions(_ p: ListActionsParameters) throws -> [ActionInfo] {
        try call("ListActions", p, ListActionsReply.self).actions
    }

    /// `RetryAction`.
    public func retryAction(tenant: String, id: Int) throws -> ActionInfo {
        try call("RetryAction", ActionReferenceParameters(tenant: tenant, id: id), ActionReply.self).action
    }

    /// `CancelAction`.
    public func cancelAction(tenant: String, id: Int) throws -> ActionInfo {
        try call("CancelAction", ActionReferenceParameters(tenant: tenant, id: id), ActionReply.self).action
    }

    /// `RunNow`; returns how many tenants were looked at.
    public func runNow(tenant: String?) throws -> Int {
        try call("RunNow", RunNowParameters(tenant: tenant), RunNowReply.self).tenants
    }

    /// `Migrate`.
    public func migrate() throws -> MigrationSummary {
        try call("Migrate", EmptyParameters(), MigrateReply.self).summary
    }

    /// `GetCase`.
    public func getCase(_ p: GetCaseParameters) throws -> GetCaseReply {
        try call("GetCase", p, GetCaseReply.self)
    }

    /// `GetTenantChannels`.
    public func getTenantChannels(tenant: String) throws -> TenantChannelsInfo {
        try call("GetTenantChannels", TenantParameters(tenant: tenant), TenantChannelsReply.self).channels
    }

    /// `SetTenantChannels`.
    public func setTenantChannels(_ p: TenantChannelsParameters) throws -> TenantChannelsInfo {
        try call("SetTenantChannels", p, TenantChannelsReply.self).channels
    }

    /// `GetLetter`.
    public func getLetter(_ p: GetLetterParameters) throws -> LetterReply {
        try call("GetLetter", p, LetterReply.self)
    }

    /// `PreviewPlan`.
    public func previewPlan(_ p: PreviewPlanParameters) throws -> PreviewPlanReply {
        try call("PreviewPlan", p, PreviewPlanReply.self)
    }

    /// `RecordPayment`.
    public func recordPayment(_ p: RecordPaymentParameters) throws -> PaymentInfo {
        try call("RecordPayment", p, PaymentReply.self).payment
    }

    /// `AddPromise`.
    public func addPromise(_ p: AddPromiseParameters) throws -> PromiseInfo {
        try call("AddPromise", p, PromiseReply.self).promise
    }

    /// `CreatePlan`.
    public func createPlan(_ p: CreatePlanParameters) throws -> PlanInfo {
        try call("CreatePlan", p, PlanReply.self).plan
    }

    /// `OpenDispute`.
    public func openDispute(_ p: OpenDisputeParameters) throws -> DisputeInfo {
        try call("OpenDispute", p, DisputeReply.self).dispute
    }

    /// `ResolveDispute`.
    public func resolveDispute(_ p: ResolveDisputeParameters) throws -> DisputeInfo {
        try call("ResolveDispute", p, DisputeReply.self).dispute
    }

    /// `GrantReduction`.
    public func grantReduction(_ p: GrantReductionParameters) throws -> ReductionInfo {
        try call("GrantReduction", p, ReductionReply.self).reduction
    }

    /// `ListTasks`.
    public func listTasks(_ p: ListTasksParameters) throws -> [TaskInfo] {
        try call("ListTasks", p, ListTasksReply.self).tasks
    }

    /// `CompleteTask`.
    public func completeTask(_ p: CompleteTaskParameters) throws -> TaskInfo {
        try call("CompleteTask", p, TaskReply.self).task
    }

    /// `ListPolicies`.
    public func listPolicies(tenant: String) throws -> [PolicySummary] {
        try call("ListPolicies", TenantParameters(tenant: tenant), ListPoliciesReply.self).policies
    }

    /// `GetPolicy`.
    public func getPolicy(tenant: String, name: String) throws -> PolicyInfo {
        try call("GetPolicy", PolicyReferenceParameters(tenant: tenant, name: name), PolicyReply.self).policy
    }

    /// `SetPolicy`.
    public func setPolicy(_ p: SetPolicyParameters) throws -> SetPolicyReply {
        try call("SetPolicy", p, SetPolicyReply.self)
    }

    /// `DeletePolicy`.
    public func deletePolicy(tenant: String, name: String) throws {
        _ = try call("DeletePolicy", PolicyReferenceParameters(tenant: tenant, name: name), DeletePolicyReply.self)
    }

    /// `GetMetrics`.
    public func getMetrics() throws -> String {
        try call("GetMetrics", EmptyParameters(), GetMetricsReply.self).text
    }

    /// `Reload`.
    public func reload() throws -> ReloadReply {
        try call("Reload", EmptyParameters(), ReloadReply.self)
    }

    /// `Drain`.
    public func drain() throws -> DrainReply {
        try call("Drain", EmptyParameters(), DrainReply.self)
    }

    /// `Undrain`.
    public func undrain() throws -> DrainReply {
        try call("Undrain", EmptyParameters(), DrainReply.self)
    }

    /// `SetLogLevel`.
    public func setLogLevel(_ level: String) throws -> SetLogLevelReply {
        try call("SetLogLevel", SetLogLevelParameters(level: level), SetLogLevelReply.self)
    }

    /// `SetTenant`.
    public func setTenant(_ p: SetTenantParameters) throws -> SetTenantReply {
        try call("SetTenant", p, SetTenantReply.self)
    }

    /// `DescribeTenantExport`.
    public func describeTenantExport(slug: String) throws -> TenantExportInfo {
        try call("DescribeTenantExport", SlugParameters(slug: slug), DescribeTenantExportReply.self).export
    }

    /// `DropTenant`.
    public func dropTenant(_ p: DropTenantParameters) throws -> DroppedTenantInfo {
        try call("DropTenant", p, DropTenantReply.self).dropped
    }

    /// `MigrateBatch`.
    public func migrateBatch(limit: Int? = nil) throws -> MigrationProgress {
        try call("MigrateBatch", MigrateBatchParameters(limit: limit), MigrateBatchReply.self).progress
    }

    /// `GetReport`.
    public func getReport(_ p: GetReportParameters) throws -> ReportInfo {
        try call("GetReport", p, GetReportReply.self).report
    }

    /// `ImportBankStatement`.
    public func importBankStatement(_ p: ImportBankStatementParameters) throws -> BankImportSummary {
        try call("ImportBankStatement", p, ImportBankStatementReply.self).summary
    }

    /// `ListUnmatchedCredits`.
    public func listUnmatchedCredits(tenant: String) throws -> [BankCreditInfo] {
        try call("ListUnmatchedCredits", TenantParameters(tenant: tenant), ListUnmatchedCreditsReply.self).credits
    }

    /// `AssignCredit`.
    public func assignCredit(_ p: AssignCreditParameters) throws -> BankCreditInfo {
        try call("AssignCredit", p, BankCreditReply.self).credit
    }

    /// `IgnoreCredit`.
    public func ignoreCredit(_ p: IgnoreCreditParameters) throws -> BankCreditInfo {
        try call("IgnoreCredit", p, BankCreditReply.self).credit
    }

    private func call<P: Encodable, R: Decodable>(_ member: String, _ parameters: P, _ reply: R.Type) throws -> R {
        try connection.call(ControlInterface.qualified(member), parameters, replying: reply)
    }
}
