import ControlProtocol
import Foundation
import Logging
import Postgres
import RecouvreChannels
import RecouvreCore
import RecouvreStore

/// The daemon's answers to control requests, on a database connection of their own so that
/// ops commands never wait behind the workers.
final class ControlService: ControlHandler {
    /// The configuration in force; each request reads it once.
    let settings: CurrentConfiguration
    var configuration: DaemonConfiguration { settings.snapshot }
    let state: DaemonState
    /// Reloads (`Reload`), and the level and format in force (`SetLogLevel`, `status`).
    let reloader: Reloader
    let logSettings: LogSettings
    let logger: Logger
    let database: PostgresClient
    /// `status` has a connection of its own, so that it answers while a long request (a
    /// migration across many tenants) holds the other.
    let statusDatabase: PostgresClient

    static let backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(1), maxAttempts: 3)
    /// An operator's change to an action a worker holds waits 5 s at most, then is refused.
    static let sessionSetup = "SET lock_timeout = '5s'"
    let registry: TenantRegistry
    let queue: WorkQueue
    let version: String
    let metrics: DaemonMetrics

    init(settings: CurrentConfiguration, state: DaemonState, reloader: Reloader, logSettings: LogSettings, logger: Logger,
         registry: TenantRegistry, queue: WorkQueue, version: String, metrics: DaemonMetrics = DaemonMetrics()) {
        let configuration = settings.snapshot
        self.settings = settings
        self.metrics = metrics
        self.state = state
        self.reloader = reloader
        self.logSettings = logSettings
        self.logger = logger
        self.registry = registry
        self.queue = queue
        self.version = version
        // Few attempts: an operator asking while the database is down gets DatabaseUnavailable
        // in a second or two, not a command that hangs.
        database = PostgresClient(conninfo: configuration.databaseConninfo, applicationName: "recouvred control",
                                  backoff: Self.backoff, sessionSetup: Self.sessionSetup)
        statusDatabase = PostgresClient(conninfo: configuration.databaseConninfo, applicationName: "recouvred status",
                                        backoff: Self.backoff, sessionSetup: Self.sessionSetup)
        metrics.watch([database, statusDatabase])
    }

    /// `GetMetrics`, and the metrics listener's answer: the queue and tenant gauges are read
    /// on the status connection; when the database does not answer, they keep their last values.
    func getMetrics() async throws -> String {
        let snapshot = try? await statusDatabase.withConnection { try QueueSnapshot.read($0) }
        return metrics.exposition(snapshot: snapshot)
    }

    func close() async {
        await database.close()
        await statusDatabase.close()
    }

    func getStatus() async throws -> DaemonStatus {
        let counts: (total: Int, active: Int, database: String)? = try? await statusDatabase.withConnection { c in
            let sql = "SELECT count(*) AS total, count(*) FILTER (WHERE status = 'active') AS active FROM recouvre.tenants"
            let row = try c.query(sql).first
            // Names the database without any password the conninfo may carry.
            let name = "\(c.databaseName ?? "?") on \(c.host ?? "?"):\(c.port ?? "?")"
            return (try row?.decode(Int.self, "total") ?? 0, try row?.decode(Int.self, "active") ?? 0, name)
        }
        let now = Date()
        var status = DaemonStatus(
            version: version, pid: Int(ProcessInfo.processInfo.processIdentifier),
            startedAt: Self.iso(state.startedAt), uptimeSeconds: Int(now.timeIntervalSince(state.startedAt)),
            ready: state.ready, draining: state.draining,
            database: counts?.database ?? "unreachable",
            workers: configuration.workers, inFlight: state.inFlight,
            tenantsTotal: counts?.total ?? 0, tenantsActive: counts?.active ?? 0,
            lastPassAt: state.lastPassAt.map(Self.iso), lastError: state.lastError)
        addOperations(to: &status)
        return status
    }

    func createTenant(_ p: CreateTenantParameters) async throws -> TenantInfo {
        let slug = try Self.slug(p.slug)
        try Self.validateRelay(p.smtpURL)
        let settings = TenantSettings(displayName: p.displayName, timezone: p.timezone, locale: try Self.locale(p.locale),
                                      emailFrom: p.emailFrom, smtpURL: p.smtpURL)
        let registry = self.registry
        let reuse = p.reuseDroppedSlug ?? false
        return Self.info(try await call { try registry.create($0, slug: slug, settings: settings, reuseDroppedSlug: reuse) })
    }

    func listTenants() async throws -> [TenantInfo] {
        let registry = self.registry
        return try await call { try registry.list($0) }.map(Self.info)
    }

    func getTenant(slug: String) async throws -> GetTenantReply {
        let slug = try Self.slug(slug)
        let registry = self.registry
        let (tenant, counts) = try await call { c in
            (try registry.get(c, slug: slug), try registry.actionCounts(c, slug: slug))
        }
        return GetTenantReply(tenant: Self.info(tenant), actions: ActionCounts(
            scheduled: counts["scheduled"], running: counts["running"], succeeded: counts["succeeded"],
            failed: counts["failed"], cancelled: counts["cancelled"], dead: counts["dead"]))
    }

    func updateTenant(_ p: UpdateTenantParameters) async throws -> TenantInfo {
        let slug = try Self.slug(p.slug)
        try Self.validateRelay(p.smtpURL)
        let settings = TenantSettings(displayName: p.displayName, timezone: p.timezone, locale: try Self.locale(p.locale),
                                      emailFrom: p.emailFrom, smtpURL: p.smtpURL)
        guard settings != TenantSettings() else {
            throw ControlError.invalidArgument(field: "settings", reason: "nothing to change: give at least one setting")
        }
        let registry = self.registry
        return Self.info(try await call { try registry.update($0, slug: slug, settings: settings) })
    }

    func pauseTenant(slug: String) async throws -> TenantInfo {
        let slug = try Self.slug(slug)
        let registry = self.registry
        return Self.info(try await call { try registry.pause($0, slug: slug) })
    }

    func resumeTenant(slug: String) async throws -> TenantInfo {
        let slug = try Self.slug(slug)
        let registry = self.registry
        return Self.info(try await call { try registry.resume($0, slug: slug) })
    }

    static let actionStates: Set<String> = ["scheduled", "running", "succeeded", "failed", "cancelled", "dead"]

    func listActions(_ p: ListActionsParameters) async throws -> [ActionInfo] {
        let slug = try Self.slug(p.tenant)
        if let state = p.state, !Self.actionStates.contains(state) {
            throw ControlError.invalidArgument(
                field: "state", reason: "'\(state)' is not a state; use one of \(Self.actionStates.sorted().joined(separator: ", "))")
        }
        let limit = p.limit ?? 100
        guard (1...1000).contains(limit) else {
            throw ControlError.invalidArgument(field: "limit", reason: "must be between 1 and 1000")
        }
        let registry = self.registry
        return try await call { c in
            _ = try registry.get(c, slug: slug)
            return try ActionStore(slug: slug).list(c, state: p.state, limit: limit)
        }.map(Self.info)
    }

    func retryAction(tenant: String, id: Int) async throws -> ActionInfo {
        try await changeAction(tenant: tenant, id: id) { store, c in try store.retry(c, id: Int64(id), actor: "recouvrectl") }
    }

    func cancelAction(tenant: String, id: Int) async throws -> ActionInfo {
        try await changeAction(tenant: tenant, id: id) { store, c in try store.cancel(c, id: Int64(id), actor: "recouvrectl") }
    }

    func runNow(tenant: String?) async throws -> Int {
        let slug = try tenant.map(Self.slug)
        let queue = self.queue
        let registry = self.registry
        return try await call { c in
            if let slug { _ = try registry.get(c, slug: slug) }
            let marked = try queue.markDueNow(c, slug: slug)
            _ = try c.query("SELECT pg_notify('recouvre_due', 'run-now')")
            return marked
        }
    }

    func migrate() async throws -> MigrationSummary {
        let migrator = registry.migrator
        let report = try await call { c in
            let control = try migrator.migrateControl(c)
            var report = try migrator.migrateAllTenants(c)
            report.controlApplied = control
            return report
        }
        return MigrationSummary(controlApplied: report.controlApplied, tenantsMigrated: report.tenantsMigrated,
                                tenantsTotal: report.tenantsTotal)
    }

    // MARK: - Helpers

    private func changeAction(tenant: String, id: Int,
                              _ body: @escaping @Sendable (ActionStore, PostgresConnection) throws -> ActionRecord?) async throws -> ActionInfo {
        let slug = try Self.slug(tenant)
        let registry = self.registry
        let record = try await call { c in
            _ = try registry.get(c, slug: slug)
            return try body(ActionStore(slug: slug), c)
        }
        guard let record else { throw ControlError.actionNotFound(tenant: tenant, id: id) }
        return Self.info(record)
    }

    /// Runs a database call and turns store errors into the interface's errors.
    func call<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        do {
            return try await database.withConnection(body)
        } catch let error as TenantError {
            switch error {
            case .notFound(let slug): throw ControlError.tenantNotFound(slug: slug)
            case .exists(let slug): throw ControlError.tenantExists(slug: slug)
            case .invalid(let field, let reason): throw ControlError.invalidArgument(field: field, reason: reason)
            case .busy(let slug, let reason): throw ControlError.tenantBusy(slug: slug, reason: reason)
            case .dropped(let slug, let name, let at, let by):
                throw ControlError.tenantDropped(slug: slug, displayName: name, droppedAt: Self.iso(at), droppedBy: by)
            }
        } catch let error as ActionStateError {
            throw ControlError.actionStateConflict(id: Int(error.id), state: error.state, reason: error.reason)
        } catch let error as PostgresError where error.isConnectionLost {
            throw ControlError.databaseUnavailable(reason: error.message)
        } catch let error as PostgresError where error.sqlState == "55P03" {
            throw ControlError.failed(reason: "the row is busy (a worker is sending it); try again in a moment")
        }
    }

    static func slug(_ text: String) throws -> TenantSlug {
        do {
            return try TenantSlug(text)
        } catch {
            throw ControlError.invalidSlug(slug: text, reason: error.reason)
        }
    }

    /// A tenant's relay must be one this version can use.
    static func validateRelay(_ url: String?) throws {
        if let url, let problem = SMTPRelay.problem(with: url) {
            throw ControlError.invalidArgument(field: "smtpURL", reason: problem)
        }
    }

    static func locale(_ text: String?) throws -> MessageLocale? {
        guard let text else { return nil }
        guard let locale = MessageLocale(rawValue: text) else {
            throw ControlError.invalidArgument(field: "locale", reason: "'\(text)' is not supported; use fr or en")
        }
        return locale
    }

    static func info(_ t: TenantRecord) -> TenantInfo {
        TenantInfo(slug: t.slug.rawValue, displayName: t.displayName, status: t.status.rawValue, timezone: t.timezone,
                   locale: t.locale.rawValue, emailFrom: t.emailFrom, smtpURL: t.smtpURL.map(redacted),
                   schemaVersion: t.schemaVersion, createdAt: iso(t.createdAt))
    }

    static func info(_ a: ActionRecord) -> ActionInfo {
        ActionInfo(id: Int(a.id), kind: a.kind, channel: a.channel, state: a.state, debtorId: Int(a.debtorID ?? 0),
                   invoiceId: a.invoiceID.map { Int($0) }, step: a.step, dueAt: iso(a.dueAt), attempts: a.attempts,
                   lastError: a.lastError, updatedAt: iso(a.updatedAt))
    }

    /// An SMTP URL without its password, for display.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }

    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}
