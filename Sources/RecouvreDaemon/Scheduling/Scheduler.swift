import Foundation
import Logging
import Postgres
import RecouvreStore
import ServiceLifecycle

/// Finds due work across tenants and has workers execute it.
///
/// It waits on `LISTEN recouvre_due` (triggers notify when work becomes due now) with the poll
/// interval as timeout, then reads `recouvre.due_work` and `recouvre.due_hints` — one indexed
/// query, whatever the number of tenants — and gives each due tenant to a free worker for one
/// batch. While passes find work it goes straight on to the next, so a tenant with a backlog
/// drains batch after batch without holding up tenants that become due meanwhile. A
/// notification is only a hint: after a reconnect, or every poll interval, the tables are
/// read anyway.
///
/// On graceful shutdown, and while an operator drains the daemon, it stops claiming, lets the
/// action in progress on each worker finish, and gives back what it had claimed but not
/// started. Each pass runs with the configuration in force when it began (a reload applies
/// from the next pass).
final class Scheduler: Service, Sendable {
    /// The configuration in force. The settings used once at start (connections, workers) are
    /// read from it in `init`; a reload does not change them.
    let settings: CurrentConfiguration
    let queue: WorkQueue
    let runner: ActionRunner
    let state: DaemonState
    let notifier: SystemdNotifier
    let logger: Logger
    private let listener: PostgresClient
    private let pool: WorkerPool
    /// The connection that issued LISTEN; a new connection must issue it again.
    private let listeningConnection = LockedValue<UInt64>(0)
    private let shuttingDown = LockedValue(false)
    /// When the loop or a worker last moved forward; the watchdog pings only while it does.
    private let lastProgress = LockedValue(ContinuousClock.now)

    /// Few attempts per call: while the database is down the loop keeps turning, trying again
    /// every poll interval, instead of blocking in one call.
    static let connectionBackoff = Backoff(initial: .milliseconds(100), maximum: .seconds(2), maxAttempts: 3)

    /// Session settings of the scheduler's and workers' connections: waits on an integration's
    /// locks are bounded (the action is postponed, not failed); the transaction held open
    /// across a send is never cut by a server-side idle timeout; and READ COMMITTED, which the
    /// send-time check relies on, holds whatever the database's default.
    static let sessionSetup = """
        SET lock_timeout = '5s';
        SET idle_in_transaction_session_timeout = 0;
        SET default_transaction_isolation = 'read committed';
        """

    init(settings: CurrentConfiguration, queue: WorkQueue, runner: ActionRunner, state: DaemonState,
         notifier: SystemdNotifier, logger: Logger) {
        let configuration = settings.snapshot
        self.settings = settings
        self.queue = queue
        self.runner = runner
        self.state = state
        self.notifier = notifier
        self.logger = logger
        listener = PostgresClient(conninfo: configuration.databaseConninfo, applicationName: "recouvred scheduler",
                                  backoff: Self.connectionBackoff, maxConnectionAge: configuration.connectionLifetime,
                                  sessionSetup: Self.sessionSetup)
        let workers = (0..<configuration.workers).map {
            Worker(index: $0, conninfo: configuration.databaseConninfo, heloName: configuration.heloName,
                   connectionLifetime: configuration.connectionLifetime, deliveryTimeout: configuration.deliveryTimeout,
                   caFile: configuration.caFile)
        }
        databaseClients = [listener] + workers.map(\.database)
        pool = WorkerPool(workers: workers)
    }

    /// The scheduler's and workers' database clients, whose reconnections the metrics count.
    let databaseClients: [PostgresClient]

    func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                if let interval = notifier.watchdogInterval {
                    group.addTask { await self.feedWatchdog(every: interval) }
                }
                await loop()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.shuttingDown.set(true)
            self.state.markStopping()
            self.notifier.stopping()
            self.logger.info("stopping: finishing the actions in progress, releasing the rest")
        }
        for worker in pool.all { await worker.close() }
        await listener.close()
    }

    /// Pings systemd's watchdog while the scheduler makes progress: a loop turn, a database
    /// call of the loop, an action started or finished. No single step can take the watchdog's
    /// whole timeout (twice the ping interval, `WatchdogSec=60` in the unit): database calls
    /// give up after three connection attempts of at most 10 s, lock waits after 5 s, an SMTP
    /// exchange after 20 s. A loop stuck for longer stops the pings, and systemd restarts the
    /// service.
    private func feedWatchdog(every interval: Duration) async {
        while !Task.isCancelled {
            if ContinuousClock.now - lastProgress.get() < interval * 2 { notifier.watchdog() }
            try? await Task.sleep(for: interval)
        }
    }

    /// How often hints are folded into `recouvre.due_work` (see `WorkQueue.compactHints`).
    static let compactionInterval: Duration = .seconds(30)

    private func loop() async {
        var lastCompaction = ContinuousClock.now
        var lastStatus = ContinuousClock.now
        while !shuttingDown.get() && !Task.isCancelled {
            lastProgress.set(.now)
            if ContinuousClock.now - lastCompaction >= Self.compactionInterval {
                await compactHints()
                lastCompaction = .now
            }
            if ContinuousClock.now - lastStatus >= .seconds(10) {
                // What `systemctl status recouvred` shows.
                notifier.status((state.draining ? "draining: " : "") + "\(state.executed) actions executed, \(state.inFlight) in flight, database "
                                + (state.databaseUp ? "connected" : "unreachable"))
                lastStatus = .now
            }
            let configuration = settings.snapshot
            if state.draining {
                // Drained by an operator: nothing is claimed until `undrain`.
                try? await Task.sleep(for: min(configuration.pollInterval, .milliseconds(100)))
                continue
            }
            let didWork = await pass(configuration)
            lastProgress.set(.now)
            if shuttingDown.get() { break }
            if !didWork { await waitForWork(pollInterval: configuration.pollInterval) }
        }
    }

    private func compactHints() async {
        let queue = self.queue
        do {
            _ = try await listener.withConnection { try queue.compactHints($0) }
        } catch {
            state.recordError(error)
            logger.warning("cannot fold due-work hints", metadata: ["error": "\(LogRedaction.error(error))"])
        }
    }

    /// Blocks on the listening connection until a notification or the poll interval.
    private func waitForWork(pollInterval: Duration) async {
        let timeout = min(pollInterval, notifier.watchdogInterval ?? pollInterval)
        let listening = listeningConnection
        do {
            _ = try await listener.withConnection { c in
                if listening.get() != c.serial {
                    try c.listen("recouvre_due")
                    listening.set(c.serial)
                }
                return try c.waitForNotifications(timeout: timeout).count
            }
        } catch {
            state.databaseReachable(false)
            state.recordError(error)
            logger.warning("waiting for work failed", metadata: ["error": "\(LogRedaction.error(error))"])
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// One look at due work: every due tenant gets a worker for one batch. Returns whether
    /// any action was claimed.
    func pass(_ configuration: DaemonConfiguration) async -> Bool {
        let tenants: [TenantRecord]
        do {
            let queue = self.queue
            tenants = try await listener.withConnection { try queue.dueTenants($0, limit: 200) }
        } catch {
            state.databaseReachable(false)
            state.recordError(error)
            logger.warning("cannot read due work", metadata: ["error": "\(LogRedaction.error(error))"])
            return false
        }
        let claimed = LockedValue(0)
        await withTaskGroup(of: Void.self) { group in
            for tenant in tenants {
                if state.draining { break }
                let worker = await pool.acquire()
                group.addTask {
                    let count = await self.runBatch(of: tenant, with: worker, configuration: configuration)
                    claimed.modify { $0 += count }
                    await self.pool.release(worker)
                }
            }
        }
        state.passCompleted(at: Date())
        return claimed.get() > 0
    }

    /// Claims one batch of a tenant's due actions, runs it, then refreshes the tenant's entry
    /// in the due-work index. Returns how many actions were claimed.
    private func runBatch(of tenant: TenantRecord, with worker: Worker, configuration: DaemonConfiguration) async -> Int {
        let queue = self.queue
        let slug = tenant.slug
        let batchSize = configuration.batchSize
        var runner = self.runner
        runner.configuration = configuration
        var unstarted: [Int64] = []
        state.batchStarted()
        defer { state.batchFinished() }
        await worker.noteTenant(slug.rawValue)
        do {
            _ = try await worker.database.withConnection { try queue.reclaimExpiredLeases($0, slug: slug) }
            guard !state.draining else { return 0 }
            let claimed = try await worker.database.withConnection { try queue.claim($0, slug: slug, limit: batchSize) }
            unstarted = claimed.map(\.id)
            for action in claimed {
                if state.draining { break }
                unstarted.removeFirst()
                lastProgress.set(.now)
                try await execute(action, tenant: tenant, on: worker, runner: runner)
                lastProgress.set(.now)
            }
            if !unstarted.isEmpty {
                let rest = unstarted
                _ = try await worker.database.withConnection { try queue.release($0, slug: slug, ids: rest) }
                unstarted = []
            }
            try await worker.database.withConnection { try queue.refreshDueWork($0, slug: slug) }
            return claimed.count
        } catch {
            state.recordError(error)
            logger.warning("tenant batch failed", metadata: ["tenant": "\(slug)", "error": "\(LogRedaction.error(error))"])
            if !unstarted.isEmpty {
                // Give back what was not started, if the database is reachable again; if not,
                // the leases expire and another pass takes the actions up.
                let rest = unstarted
                _ = try? await worker.database.withConnection { try queue.release($0, slug: slug, ids: rest) }
            }
            return 0
        }
    }

    private func execute(_ action: ClaimedAction, tenant: TenantRecord, on worker: Worker, runner: ActionRunner) async throws {
        let mail = worker.mail
        let token = state.actionStarted("\(tenant.slug)#\(action.id)")
        defer { state.actionFinished(token) }
        let result = try await worker.database.withConnection { c in
            try runner.run(action, tenant: tenant, connection: c, mail: mail)
        }
        if result == .notOurs {
            logger.debug("action no longer ours to run", metadata: ["tenant": "\(tenant.slug)", "action": "\(action.id)"])
        }
    }
}
