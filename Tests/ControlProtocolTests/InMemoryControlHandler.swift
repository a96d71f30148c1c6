import ControlProtocol
import Foundation

/// A handler over in-memory tenants and actions, enough to exercise the protocol layer.
///
/// Its isolation runs on a dispatch queue of its own, not on Swift's shared pool: like the
/// daemon's handler, it must answer while other tests keep every pool thread busy with
/// blocking work (a default actor would wait for a free pool thread, and the connection with it).
actor InMemoryControlHandler: ControlHandler {
    private static let executor = QueueSerialExecutor()
    nonisolated var unownedExecutor: UnownedSerialExecutor { Self.executor.asUnownedSerialExecutor() }

    private var tenants: [String: TenantInfo] = [:]
    private var actions: [String: [ActionInfo]] = [:]
    private(set) var runNowCalls: [String?] = []
    /// Who made each change, in order: the author the daemon would record.
    private(set) var authors: [String] = []
    private(set) var payments: [RecordPaymentParameters] = []
    private var policies: [String: PolicyInfo] = [:]
    private var tasks: [TaskInfo] = [.sample(5, kind: "call"), .sample(6, kind: "approval")]

    struct Unexpected: Error, CustomStringConvertible {
        var description: String { "disk on fire" }
    }

    init(tenants: [TenantInfo] = [], actions: [String: [ActionInfo]] = [:]) {
        for tenant in tenants { self.tenants[tenant.slug] = tenant }
        self.actions = actions
    }

    func getStatus() async throws -> DaemonStatus {
        DaemonStatus(
            version: "1.2.3", pid: 42, startedAt: "2025-01-06T08:00:00Z", uptimeSeconds: 60, ready: true,
            draining: false, database: "host=/run/postgresql dbname=recouvre", workers: 4, inFlight: 0,
            tenantsTotal: tenants.count, tenantsActive: tenants.values.filter { $0.status == "active" }.count)
    }

    func createTenant(_ p: CreateTenantParameters) async throws -> TenantInfo {
        if let problem = ControlValidation.slugProblem(p.slug) {
            throw ControlError.invalidSlug(slug: p.slug, reason: problem)
        }
        guard tenants[p.slug] == nil else { throw ControlError.tenantExists(slug: p.slug) }
        let tenant = TenantInfo(
            slug: p.slug, displayName: p.displayName, status: "active", timezone: p.timezone ?? "Europe/Paris",
            locale: p.locale ?? "fr", emailFrom: p.emailFrom, smtpURL: p.smtpURL, schemaVersion: 1,
            createdAt: "2025-01-06T08:00:00Z")
        tenants[p.slug] = tenant
        return tenant
    }

    func listTenants() async throws -> [TenantInfo] {
        tenants.values.sorted { $0.slug < $1.slug }
    }

    func getTenant(slug: String) async throws -> GetTenantReply {
        GetTenantReply(tenant: try tenant(slug), actions: ActionCounts(scheduled: actions[slug]?.count ?? 0))
    }

    func updateTenant(_ p: UpdateTenantParameters) async throws -> TenantInfo {
        var tenant = try tenant(p.slug)
        tenant.displayName = p.displayName ?? tenant.displayName
        tenant.timezone = p.timezone ?? tenant.timezone
        tenant.locale = p.locale ?? tenant.locale
        tenant.emailFrom = p.emailFrom ?? tenant.emailFrom
        tenant.smtpURL = p.smtpURL ?? tenant.smtpURL
        tenants[p.slug] = tenant
        return tenant
    }

    func pauseTenant(slug: String) async throws -> TenantInfo {
        try setStatus(slug, "paused")
    }

    func resumeTenant(slug: String) async throws -> TenantInfo {
        try setStatus(slug, "active")
    }

    func listActions(_ p: ListActionsParameters) async throws -> [ActionInfo] {
        _ = try tenant(p.tenant)
        let all = (actions[p.tenant] ?? []).filter { p.state == nil || $0.state == p.state }
        return Array(all.prefix(p.limit ?? 100))
    }

    func retryAction(tenant: String, id: Int) async throws -> ActionInfo {
        var action = try action(tenant, id)
        guard action.state == "failed" || action.state == "dead" else {
            throw ControlError.actionStateConflict(id: id, state: action.state, reason: "only failed or dead actions can be retried")
        }
        action.state = "scheduled"
        try replace(tenant, action)
        return action
    }

    func cancelAction(tenant: String, id: Int) async throws -> ActionInfo {
        var action = try action(tenant, id)
        action.state = "cancelled"
        try replace(tenant, action)
        return action
    }

    func runNow(tenant: String?) async throws -> Int {
        runNowCalls.append(tenant)
        if let tenant { _ = try self.tenant(tenant); return 1 }
        return tenants.count
    }

    func migrate() async throws -> MigrationSummary {
        throw Unexpected()
    }

    func getLetter(_ p: GetLetterParameters) async throws -> LetterReply {
        _ = try tenant(p.tenant)
        guard p.actionId == 42 else { throw ControlError.notFound(tenant: p.tenant, what: "action", key: String(p.actionId)) }
        return LetterReply(name: "42-formal_notice.pdf", contentType: "application/pdf", content: Data("%PDF-1.5 test".utf8).base64EncodedString())
    }

    func getTenantChannels(tenant: String) async throws -> TenantChannelsInfo {
        _ = try self.tenant(tenant)
        return TenantChannelsInfo(tenant: tenant, address: "1 rue des Lilas\n75019 Paris", siren: "732829320", phone: nil,
                                  iban: "FR7630006000011234567890189", bic: nil, signatory: "Service recouvrement",
                                  letterDelivery: "spool", webhookUrl: nil, webhookSecretSet: false, smsUrl: nil, smsSecretSet: false,
                                  smsSender: nil, messagesPerMinute: 120)
    }

    func setTenantChannels(_ p: TenantChannelsParameters, caller: ControlCaller) async throws -> TenantChannelsInfo {
        var info = try await getTenantChannels(tenant: p.tenant)
        if let url = p.webhookUrl { info.webhookUrl = url }
        if p.webhookSecret != nil { info.webhookSecretSet = true }
        if let delivery = p.letterDelivery { info.letterDelivery = delivery }
        return info
    }

    /// A preview of debtor CLI-1: its reminder step, then a formal notice held for approval.
    func previewPlan(_ p: PreviewPlanParameters) async throws -> PreviewPlanReply {
        _ = try tenant(p.tenant)
        if let debtor = p.debtor, debtor != "CLI-1" {
            throw ControlError.notFound(tenant: p.tenant, what: "debtor", key: debtor)
        }
        return PreviewPlanReply(debtors: [DebtorTimeline(
            debtor: "CLI-1", name: "Boulangerie Martin", policy: "business", timeZone: "Europe/Paris",
            entries: [
                TimelineLine(at: "2026-04-07T07:00:00Z", local: "2026-04-07 09:00", event: "step", position: 2, stage: "reminder",
                             channel: "email", template: "reminder1", invoices: ["FA-1"], principal: ["1250.40 EUR"]),
                TimelineLine(at: "2026-05-05T07:00:00Z", local: "2026-05-05 09:00", event: "step", position: 5,
                             stage: "formal_notice", channel: "letter", template: "formal_notice", requiresApproval: true,
                             invoices: ["FA-1"], principal: ["1250.40 EUR"], claimTotal: ["1306.11 EUR"]),
            ])], truncated: false)
    }

    func getCase(_ p: GetCaseParameters) async throws -> GetCaseReply {
        _ = try tenant(p.tenant)
        guard p.debtor == "CLI-1" || p.caseId == 9 else {
            throw ControlError.notFound(tenant: p.tenant, what: p.debtor == nil ? "case" : "debtor", key: p.debtor ?? "\(p.caseId ?? 0)")
        }
        return .sample
    }

    func recordPayment(_ p: RecordPaymentParameters, caller: ControlCaller) async throws -> PaymentInfo {
        _ = try tenant(p.tenant)
        authors.append(caller.name)
        payments.append(p)
        return PaymentInfo(id: payments.count, debtorId: 1, invoice: p.invoice, amount: p.amount, currency: p.currency ?? "EUR",
                           receivedOn: p.receivedOn ?? "2025-01-06", reference: p.reference)
    }

    func addPromise(_ p: AddPromiseParameters, caller: ControlCaller) async throws -> PromiseInfo {
        _ = try tenant(p.tenant)
        authors.append(caller.name)
        guard p.promisedOn <= "2025-04-06" else {
            throw ControlError.refused(reason: "a promise is at most 90 days ahead: \(p.promisedOn) is later than 2025-04-06",
                                       hint: "Agree on an earlier date, or a payment plan.", code: "22023")
        }
        return PromiseInfo(id: 3, amount: p.amount, currency: "EUR", promisedOn: p.promisedOn, graceDays: 3, state: "open",
                           note: p.note, madeBy: caller.name, madeAt: "2025-01-06T09:00:00Z")
    }

    func createPlan(_ p: CreatePlanParameters, caller: ControlCaller) async throws -> PlanInfo {
        _ = try tenant(p.tenant)
        authors.append(caller.name)
        return PlanInfo(id: 4, state: "active", currency: "EUR", total: "1250.40", graceDays: 3, paidSince: "0.00",
                        createdBy: caller.name, createdAt: "2025-01-06T09:00:00Z",
                        instalments: p.instalments.enumerated().map {
                            InstalmentInfo(number: $0.offset + 1, dueOn: $0.element.dueOn, amount: $0.element.amount, paid: false)
                        })
    }

    func openDispute(_ p: OpenDisputeParameters, caller: ControlCaller) async throws -> DisputeInfo {
        _ = try tenant(p.tenant)
        authors.append(caller.name)
        return DisputeInfo(id: 7, debtorId: 1, invoice: p.invoice, state: "open", reason: p.reason, openedBy: caller.name,
                           openedAt: "2025-01-06T09:00:00Z")
    }

    func resolveDispute(_ p: ResolveDisputeParameters, caller: ControlCaller) async throws -> DisputeInfo {
        _ = try tenant(p.tenant)
        authors.append(caller.name)
        return DisputeInfo(id: p.id, debtorId: 1, state: "resolved", reason: "goods damaged", resolution: p.resolution,
                           resolutionNote: p.note, openedBy: "ops", openedAt: "2025-01-06T09:00:00Z", resolvedBy: caller.name,
                           resolvedAt: "2025-01-07T09:00:00Z")
    }

    func grantReduction(_ p: GrantReductionParameters, caller: ControlCaller) async throws -> ReductionInfo {
        _ = try tenant(p.tenant)
        authors.append(caller.name)
        return ReductionInfo(id: 8, invoice: p.invoice, kind: p.kind ?? "reduction", amount: p.amount ?? "1250.40",
                             currency: "EUR", reason: p.reason, grantedBy: caller.name, grantedOn: "2025-01-06")
    }

    func listTasks(_ p: ListTasksParameters) async throws -> [TaskInfo] {
        _ = try tenant(p.tenant)
        let state = p.state ?? "open"
        return tasks.filter { (state == "all" || $0.state == state) && (p.kind == nil || $0.kind == p.kind) }
    }

    func completeTask(_ p: CompleteTaskParameters, caller: ControlCaller) async throws -> TaskInfo {
        _ = try tenant(p.tenant)
        guard let index = tasks.firstIndex(where: { $0.id == p.id }) else {
            throw ControlError.notFound(tenant: p.tenant, what: "task", key: String(p.id))
        }
        if tasks[index].kind == "approval" && p.approve == nil {
            throw ControlError.invalidArgument(field: "task", reason: "task \(p.id) is an approval: give approve (approve or reject) and optionally a note")
        }
        authors.append(caller.name)
        tasks[index].state = "done"
        tasks[index].completedBy = caller.name
        return tasks[index]
    }

    func listPolicies(tenant: String) async throws -> [PolicySummary] {
        _ = try self.tenant(tenant)
        return policies.values.sorted { ($0.priority, $0.name) < ($1.priority, $1.name) }.map {
            PolicySummary(name: $0.name, description: $0.description, debtorKind: $0.debtorKind, minOutstanding: $0.minOutstanding,
                          priority: $0.priority, graceDays: $0.graceDays, steps: $0.steps.count)
        }
    }

    func getPolicy(tenant: String, name: String) async throws -> PolicyInfo {
        _ = try self.tenant(tenant)
        guard let policy = policies[name] else { throw ControlError.notFound(tenant: tenant, what: "policy", key: name) }
        return policy
    }

    /// Reads the document's JSON as the daemon would, without the core's checks: a document
    /// without steps is refused with two problems, to show how problems print.
    func setPolicy(_ p: SetPolicyParameters, caller: ControlCaller) async throws -> SetPolicyReply {
        _ = try tenant(p.tenant)
        let object = try JSONSerialization.jsonObject(with: Data(p.document.utf8)) as? [String: Any] ?? [:]
        let name = object["name"] as? String ?? "(unnamed)"
        let steps = object["steps"] as? [[String: Any]] ?? []
        guard !steps.isEmpty else {
            throw ControlError.invalidPolicy(name: name, problems: [
                "steps: a policy needs at least one step; add one", "grace_days: 45 is out of range; use 0 to 30",
            ])
        }
        authors.append(caller.name)
        let policy = PolicyInfo(
            name: name, description: object["description"] as? String ?? "", debtorKind: object["debtor_kind"] as? String,
            minOutstanding: object["min_outstanding"] as? String ?? "0.00", priority: object["priority"] as? Int ?? 100,
            graceDays: object["grace_days"] as? Int ?? 3,
            steps: steps.map {
                PolicyStepInfo(position: $0["position"] as? Int ?? 0, offsetDays: $0["offset_days"] as? Int ?? 0,
                               stage: $0["stage"] as? String ?? "", channel: $0["channel"] as? String ?? "",
                               template: $0["template"] as? String ?? "", minOutstanding: $0["min_outstanding"] as? String ?? "0.00",
                               sendAt: $0["send_at"] as? String ?? "09:00")
            })
        let created = policies[name] == nil
        policies[name] = policy
        return SetPolicyReply(policy: policy, changes: PolicyChanges(created: created, added: created ? policy.steps.map(\.position) : []))
    }

    func deletePolicy(tenant: String, name: String, caller: ControlCaller) async throws {
        _ = try self.tenant(tenant)
        guard policies.removeValue(forKey: name) != nil else { throw ControlError.notFound(tenant: tenant, what: "policy", key: name) }
        authors.append(caller.name)
    }

    func getMetrics() async throws -> String {
        "# HELP recouvre_tenants Tenants by status.\n# TYPE recouvre_tenants gauge\n"
            + "recouvre_tenants{status=\"active\"} \(tenants.values.filter { $0.status == "active" }.count)\n"
    }

    // Reload, drain and log level: the daemon's operations, kept in memory.
    private var draining = false
    private var logLevel = "info"
    /// When set, `Reload` fails with this reason, as the daemon does for a broken file.
    private var reloadRefusal: String?
    func refuseReloads(_ reason: String?) { reloadRefusal = reason }

    func reload() async throws -> ReloadReply {
        if let reloadRefusal { throw ControlError.failed(reason: reloadRefusal) }
        return ReloadReply(applied: ["log.level"], needsRestart: ["scheduler.workers"])
    }

    func drain() async throws -> DrainReply {
        draining = true
        return DrainReply(draining: true, inFlight: 0, drained: true)
    }

    func undrain() async throws -> DrainReply {
        draining = false
        return DrainReply(draining: false, inFlight: 0, drained: false)
    }

    func setLogLevel(_ level: String) async throws -> SetLogLevelReply {
        defer { logLevel = level }
        return SetLogLevelReply(level: level, previous: logLevel)
    }

    func setTenant(_ p: SetTenantParameters, caller: ControlCaller) async throws -> SetTenantReply {
        let before = try tenant(p.slug)
        var tenant = before
        tenant.displayName = p.displayName ?? tenant.displayName
        tenant.timezone = p.timezone ?? tenant.timezone
        tenant.locale = p.locale ?? tenant.locale
        tenant.emailFrom = p.emailFrom ?? tenant.emailFrom
        tenant.smtpURL = p.smtpURL ?? tenant.smtpURL
        for name in p.clear ?? [] {
            switch name {
            case "timezone": tenant.timezone = "Europe/Paris"
            case "locale": tenant.locale = "fr"
            case "emailFrom": tenant.emailFrom = nil
            case "smtpURL": tenant.smtpURL = nil
            default: throw ControlError.invalidArgument(field: "clear", reason: "'\(name)' cannot be cleared")
            }
        }
        tenants[p.slug] = tenant
        authors.append(caller.name)
        let changed = [("displayName", before.displayName != tenant.displayName), ("timezone", before.timezone != tenant.timezone),
                       ("locale", before.locale != tenant.locale), ("emailFrom", before.emailFrom != tenant.emailFrom),
                       ("smtpURL", before.smtpURL != tenant.smtpURL)].filter(\.1).map(\.0)
        return SetTenantReply(tenant: tenant, changed: changed)
    }

    func describeTenantExport(slug: String) async throws -> TenantExportInfo {
        TenantExportInfo(schema: "tenant_" + slug, database: "recouvre", host: "/run/postgresql", port: "5432",
                         tenant: try tenant(slug), channels: TenantChannelsInfo(
                            tenant: slug, address: nil, siren: nil, phone: nil, iban: nil, bic: nil, signatory: nil,
                            letterDelivery: "spool", webhookUrl: nil, webhookSecretSet: false, smsUrl: nil, smsSecretSet: false,
                            smsSender: nil, messagesPerMinute: nil))
    }

    func dropTenant(_ p: DropTenantParameters, caller: ControlCaller) async throws -> DroppedTenantInfo {
        let tenant = try tenant(p.slug)
        guard p.confirm == p.slug else {
            throw ControlError.invalidArgument(field: "confirm", reason: "must repeat the slug '\(p.slug)'")
        }
        guard tenant.status == "paused" else { throw ControlError.tenantBusy(slug: p.slug, reason: "pause it first") }
        tenants[p.slug] = nil
        authors.append(caller.name)
        return DroppedTenantInfo(slug: p.slug, displayName: tenant.displayName, schema: "tenant_" + p.slug,
                                 droppedAt: "2025-01-06T10:00:00Z", droppedBy: caller.name,
                                 discarded: ActionCounts(scheduled: actions[p.slug]?.count ?? 0))
    }

    func migrateBatch(limit: Int) async throws -> MigrationProgress {
        MigrationProgress(controlApplied: 0, migrated: 0, remaining: 0, total: tenants.count)
    }

    /// Bank credits per tenant: each new one waits unmatched; entry references are never stored twice.
    private var bankCredits: [String: [BankCreditInfo]] = [:]

    func importBankStatement(_ p: ImportBankStatementParameters, caller: ControlCaller) async throws -> BankImportSummary {
        _ = try tenant(p.tenant)
        var stored = bankCredits[p.tenant] ?? []
        var outcomes: [BankCreditOutcome] = []
        for credit in p.statement.credits {
            if let existing = stored.first(where: { $0.account == p.statement.account && $0.entryRef == credit.entryRef }) {
                outcomes.append(BankCreditOutcome(status: "already_imported", creditId: existing.id, entryRef: credit.entryRef,
                                                  amount: credit.amount, currency: credit.currency, bookedOn: credit.bookedOn))
                continue
            }
            let info = BankCreditInfo(
                id: stored.count + 1, statementId: 1, account: p.statement.account, entryRef: credit.entryRef,
                amount: credit.amount, currency: credit.currency, bookedOn: credit.bookedOn, remittance: credit.remittance,
                debtorName: credit.debtorName, debtorIban: credit.debtorIban, state: "unmatched", confidence: 30,
                reason: "best confidence 30 is below 90",
                suggestions: [CreditSuggestionInfo(invoice: "FA-2024-0412", debtor: "CLI-1", confidence: 30,
                                                   reason: "amount equals the outstanding")])
            if p.dryRun != true { stored.append(info) }
            outcomes.append(BankCreditOutcome(status: "unmatched", creditId: p.dryRun == true ? nil : info.id,
                                              entryRef: credit.entryRef, amount: credit.amount, currency: credit.currency,
                                              bookedOn: credit.bookedOn, confidence: 30, reason: info.reason))
        }
        bankCredits[p.tenant] = stored
        authors.append(caller.name)
        let new = outcomes.count { $0.status != "already_imported" }
        return BankImportSummary(statementId: p.dryRun == true ? nil : 1, dryRun: p.dryRun == true, new: new,
                                 alreadyImported: outcomes.count - new, matched: 0, unmatched: new, credits: outcomes)
    }

    func listUnmatchedCredits(tenant: String) async throws -> [BankCreditInfo] {
        _ = try self.tenant(tenant)
        return (bankCredits[tenant] ?? []).filter { $0.state == "unmatched" }
    }

    func assignCredit(_ p: AssignCreditParameters, caller: ControlCaller) async throws -> BankCreditInfo {
        try decideCredit(p.tenant, p.creditId, caller: caller) { credit in
            credit.state = "assigned"
            credit.paymentId = 500 + credit.id
            credit.invoice = p.invoice
            credit.debtor = p.debtor ?? "CLI-1"
        }
    }

    func ignoreCredit(_ p: IgnoreCreditParameters, caller: ControlCaller) async throws -> BankCreditInfo {
        try decideCredit(p.tenant, p.creditId, caller: caller) { credit in
            credit.state = "ignored"
            credit.reason = p.reason ?? credit.reason
        }
    }

    private func decideCredit(_ tenant: String, _ id: Int, caller: ControlCaller,
                              _ change: (inout BankCreditInfo) -> Void) throws -> BankCreditInfo {
        _ = try self.tenant(tenant)
        guard let index = bankCredits[tenant]?.firstIndex(where: { $0.id == id }) else {
            throw ControlError.notFound(tenant: tenant, what: "credit", key: String(id))
        }
        guard bankCredits[tenant]![index].paymentId == nil else {
            throw ControlError.invalidArgument(field: "creditId", reason: "credit \(id) already became a payment")
        }
        change(&bankCredits[tenant]![index])
        authors.append(caller.name)
        return bankCredits[tenant]![index]
    }

    private func tenant(_ slug: String) throws -> TenantInfo {
        guard let tenant = tenants[slug] else { throw ControlError.tenantNotFound(slug: slug) }
        return tenant
    }

    private func setStatus(_ slug: String, _ status: String) throws -> TenantInfo {
        var tenant = try tenant(slug)
        tenant.status = status
        tenants[slug] = tenant
        return tenant
    }

    private func action(_ tenant: String, _ id: Int) throws -> ActionInfo {
        _ = try self.tenant(tenant)
        guard let action = actions[tenant]?.first(where: { $0.id == id }) else {
            throw ControlError.actionNotFound(tenant: tenant, id: id)
        }
        return action
    }

    private func replace(_ tenant: String, _ action: ActionInfo) throws {
        guard let index = actions[tenant]?.firstIndex(where: { $0.id == action.id }) else { return }
        actions[tenant]?[index] = action
    }
}

extension TenantInfo {
    static func sample(_ slug: String, status: String = "active") -> TenantInfo {
        TenantInfo(
            slug: slug, displayName: slug.capitalized, status: status, timezone: "Europe/Paris", locale: "fr",
            schemaVersion: 3, createdAt: "2025-01-02T09:00:00Z")
    }
}

extension ActionInfo {
    static func sample(_ id: Int, state: String) -> ActionInfo {
        ActionInfo(
            id: id, kind: "reminder", channel: "email", state: state, debtorId: 7, invoiceId: 70 + id, step: 1,
            dueAt: "2025-01-06T09:00:00Z", attempts: state == "dead" ? 5 : 0, updatedAt: "2025-01-06T09:00:00Z")
    }
}

extension TaskInfo {
    static func sample(_ id: Int, kind: String) -> TaskInfo {
        TaskInfo(id: id, debtorId: 1, debtorRef: "CLI-1", debtorName: "Boulangerie Martin", caseId: 9, kind: kind, state: "open",
                 title: kind == "call" ? "Call Boulangerie Martin" : "Approve formal notice", createdAt: "2025-01-06T09:00:00Z")
    }
}

extension GetCaseReply {
    static let sample = GetCaseReply(
        debtor: DebtorInfo(id: 1, ref: "CLI-1", name: "Boulangerie Martin", kind: "business", email: "compta@martin.example",
                           timezone: "Europe/Paris"),
        case: CaseInfo(id: 9, policy: "business", state: "open", stage: "reminder", position: 2,
                       openedAt: "2025-01-02T08:00:00Z", lastStepAt: "2025-01-05T08:00:00Z"),
        scheduled: [ScheduledActionInfo(id: 31, kind: "step", state: "scheduled", channel: "task", step: 3, stage: "call",
                                        template: "call", dueAt: "2025-01-09T09:00:00Z", dueLocal: "2025-01-09 10:00")],
        invoices: [CaseInvoiceInfo(id: 70, number: "FA-2024-0412", currency: "EUR", issuedOn: "2024-11-01", dueOn: "2024-12-01",
                                   amount: "1250.40", paid: "250.00", reduced: "0.00", outstanding: "1000.40", daysOverdue: 36,
                                   promised: true)],
        promises: [PromiseInfo(id: 3, amount: "1000.40", currency: "EUR", promisedOn: "2025-01-20", graceDays: 3, state: "open",
                               madeBy: "ops", madeAt: "2025-01-06T09:00:00Z")],
        events: [EventInfo(id: 100, occurredAt: "2025-01-06T09:00:00Z", kind: "promise_made", actor: "ops",
                           detail: #"{"amount": 1000.40}"#)])
}

/// A serial executor on a dispatch queue of its own.
final class QueueSerialExecutor: SerialExecutor {
    private let queue = DispatchQueue(label: "recouvre.tests.in-memory-handler")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

/// Reports: fixed figures, so that recouvrectl's tables and charts can be checked exactly.
extension InMemoryControlHandler {
    func getReport(_ p: GetReportParameters) async throws -> ReportInfo {
        _ = try tenant(p.slug)
        guard p.asOf == nil || p.report == "aging" else {
            throw ControlError.invalidArgument(field: "asOf", reason: "only aging takes a day")
        }
        var report = Self.sampleReports[p.report]!
        report.tenant = p.slug
        if let asOf = p.asOf { report.asOf = asOf }
        return report
    }

    static let sampleReports: [String: ReportInfo] = [
        "aging": ReportInfo(
            report: "aging", title: "Aged balance", tenant: "", asOf: "2026-11-30",
            columns: [
                ReportColumnInfo(name: "currency", title: "currency", unit: "text"),
                ReportColumnInfo(name: "not_yet_due", title: "not yet due", unit: "amount"),
                ReportColumnInfo(name: "days_1_30", title: "1–30 days", unit: "amount"),
                ReportColumnInfo(name: "days_31_60", title: "31–60 days", unit: "amount"),
                ReportColumnInfo(name: "days_61_90", title: "61–90 days", unit: "amount"),
                ReportColumnInfo(name: "over_90", title: "over 90 days", unit: "amount"),
                ReportColumnInfo(name: "total", title: "total", unit: "amount"),
                ReportColumnInfo(name: "debtors", title: "debtors", unit: "count"),
                ReportColumnInfo(name: "invoices", title: "invoices", unit: "count"),
            ],
            rows: [
                ReportRowInfo(values: ["CHF", "0.00", "500.00", "0.00", "0.00", "0.00", "500.00", "1", "1"]),
                ReportRowInfo(values: ["EUR", "1200.00", "600.00", "300.00", "0.00", "2400.00", "4500.00", "3", "6"]),
            ]),
        "dso": ReportInfo(
            report: "dso", title: "Days sales outstanding (countback)", tenant: "", asOf: "2026-11-30",
            columns: [
                ReportColumnInfo(name: "month", title: "month", unit: "month"),
                ReportColumnInfo(name: "currency", title: "currency", unit: "text"),
                ReportColumnInfo(name: "receivables", title: "receivables", unit: "amount"),
                ReportColumnInfo(name: "dso_days", title: "DSO (days)", unit: "days"),
            ],
            rows: [
                ReportRowInfo(values: ["2026-10", "EUR", "3000.00", "45.0"]),
                ReportRowInfo(values: ["2026-11", "EUR", "4500.00", "76.0"]),
            ]),
        "funnel": ReportInfo(
            report: "funnel", title: "Stage funnel", tenant: "", asOf: "2026-11-30",
            columns: [
                ReportColumnInfo(name: "stage", title: "stage", unit: "text"),
                ReportColumnInfo(name: "cases_reached", title: "cases reached", unit: "count"),
                ReportColumnInfo(name: "paid_after", title: "paid after", unit: "count"),
                ReportColumnInfo(name: "paid_share", title: "paid %", unit: "percent"),
            ],
            rows: [
                ReportRowInfo(values: ["reminder", "8", "4", "50.0"]),
                ReportRowInfo(values: ["formal_notice", "2", "0", "0.0"]),
                ReportRowInfo(values: ["legal", "0", "0", nil]),
            ]),
        "collected": ReportInfo(
            report: "collected", title: "Collected per month", tenant: "", asOf: "2026-11-30",
            columns: [
                ReportColumnInfo(name: "month", title: "month", unit: "month"),
                ReportColumnInfo(name: "currency", title: "currency", unit: "text"),
                ReportColumnInfo(name: "preceding_stage", title: "preceding stage", unit: "text"),
                ReportColumnInfo(name: "payments", title: "payments", unit: "count"),
                ReportColumnInfo(name: "amount", title: "amount", unit: "amount"),
            ],
            rows: [
                ReportRowInfo(values: ["2026-10", "EUR", "none", "2", "150.00"]),
                ReportRowInfo(values: ["2026-10", "EUR", "reminder", "1", "100.10"]),
                ReportRowInfo(values: ["2026-11", "EUR", "formal_notice", "1", "900.00"]),
            ]),
    ]
}
