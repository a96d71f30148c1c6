import ControlProtocol

/// A handler over in-memory tenants and actions, enough to exercise the protocol layer.
actor InMemoryControlHandler: ControlHandler {
    private var tenants: [String: TenantInfo] = [:]
    private var actions: [String: [ActionInfo]] = [:]
    private(set) var runNowCalls: [String?] = []

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
