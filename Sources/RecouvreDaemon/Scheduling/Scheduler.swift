import Foundation
import Logging
import Postgres
import RecouvreStore
import ServiceLifecycle

/// Finds due work across tenants and has workers execute it.
///
/// It waits on `LISTEN recouvre_due` (triggers notify when work becomes due now) with the poll
/// interval as timeout, then reads `recouvre.due_work` — one indexed query, whatever the number
/// of tenants — and gives each due tenant to a free worker. A notification is only a hint:
/// after a reconnect, or every poll interval, the table is read anyway.
///
/// On graceful shutdown it stops claiming, lets the action in progress on each worker finish,
/// and gives back what it had claimed but not started.
final class Scheduler: Service, Sendable {
    let configuration: DaemonConfiguration
    let queue: WorkQueue
    let runner: ActionRunner
    let state: DaemonState
    let notifier: SystemdNotifier
    let logger: Logger
    private let listener: PostgresClient
    private let pool: WorkerPool
    private let listeningBackend = LockedValue<Int32>(0)
    private let shuttingDown = LockedValue(false)

    init(configuration: DaemonConfiguration, queue: WorkQueue, runner: ActionRunner, state: DaemonState,
         notifier: SystemdNotifier, logger: Logger) {
        self.configuration = configuration
        self.queue = queue
        self.runner = runner
        self.state = state
        self.notifier = notifier
        self.logger = logger
        listener = PostgresClient(conninfo: configuration.databaseConninfo, applicationName: "recouvred scheduler",
                                  backoff: Self.connectionBackoff)
        pool = WorkerPool(workers: (0..<configuration.workers).map {
            Worker(index: $0, conninfo: configuration.databaseConninfo, heloName: configuration.heloName)
        })
    }

    /// Few attempts per call: while the database is down the loop keeps turning (and pinging
    /// the watchdog), trying again every poll interval, instead of blocking in one call.
    static let connectionBackoff = Backoff(initial: .milliseconds(100), maximum: .seconds(2), maxAttempts: 3)

    func run() async throws {
        await withGracefulShutdownHandler {
            await loop()
        } onGracefulShutdown: {
            self.shuttingDown.set(true)
            self.state.markDraining()
            self.notifier.stopping()
            self.logger.info("stopping: finishing the actions in progress, releasing the rest")
        }
        for worker in pool.all { await worker.close() }
        await listener.close()
    }

    private func loop() async {
        var lastWatchdog = ContinuousClock.now
        while !shuttingDown.get() && !Task.isCancelled {
            await pass()
            if let interval = notifier.watchdogInterval, ContinuousClock.now - lastWatchdog >= interval {
                // Pinged from the loop itself: a scheduler that stops looping stops the pings.
                notifier.watchdog()
                lastWatchdog = .now
            }
            if shuttingDown.get() { break }
            await waitForWork()
        }
    }

    /// Blocks on the listening connection until a notification or the poll interval.
    private func waitForWork() async {
        let timeout = min(configuration.pollInterval, notifier.watchdogInterval ?? configuration.pollInterval)
        let listening = listeningBackend
        do {
            _ = try await listener.withConnection { c in
                if listening.get() != c.backendPID {
                    try c.listen("recouvre_due")
                    listening.set(c.backendPID)
                }
                return try c.waitForNotifications(timeout: timeout).count
            }
        } catch {
            state.databaseReachable(false)
            state.recordError(error)
            logger.warning("waiting for work failed", metadata: ["error": "\(error)"])
            try? await Task.sleep(for: configuration.pollInterval)
        }
    }

    /// One look at due work: every due tenant is drained by a worker.
    func pass() async {
        let tenants: [TenantRecord]
        do {
            let queue = self.queue
            tenants = try await listener.withConnection { try queue.dueTenants($0, limit: 200) }
        } catch {
            state.databaseReachable(false)
            state.recordError(error)
            logger.warning("cannot read due work", metadata: ["error": "\(error)"])
            return
        }
        await withTaskGroup(of: Void.self) { group in
            for tenant in tenants {
                let worker = await pool.acquire()
                group.addTask {
                    await self.drain(tenant, with: worker)
                    await self.pool.release(worker)
                }
            }
        }
        state.passCompleted(at: Date())
    }

    /// Claims and runs a tenant's due actions batch after batch, then refreshes its entry in
    /// the due-work index.
    private func drain(_ tenant: TenantRecord, with worker: Worker) async {
        let queue = self.queue
        let slug = tenant.slug
        let batchSize = configuration.batchSize
        do {
            _ = try await worker.database.withConnection { try queue.reclaimExpiredLeases($0, slug: slug) }
            while !shuttingDown.get() {
                let claimed = try await worker.database.withConnection { try queue.claim($0, slug: slug, limit: batchSize) }
                if claimed.isEmpty { break }
                for (position, action) in claimed.enumerated() {
                    if shuttingDown.get() {
                        let rest = claimed[position...].map(\.id)
                        _ = try await worker.database.withConnection { try queue.release($0, slug: slug, ids: rest) }
                        break
                    }
                    try await execute(action, tenant: tenant, on: worker)
                }
            }
            try await worker.database.withConnection { try queue.refreshDueWork($0, slug: slug) }
        } catch {
            state.recordError(error)
            logger.warning("tenant pass failed", metadata: ["tenant": "\(slug)", "error": "\(error)"])
        }
    }

    private func execute(_ action: ClaimedAction, tenant: TenantRecord, on worker: Worker) async throws {
        let runner = self.runner
        let mail = worker.mail
        state.actionStarted()
        defer { state.actionFinished() }
        let result = try await worker.database.withConnection { c in
            try runner.run(action, tenant: tenant, connection: c, mail: mail)
        }
        if result == .notOurs {
            logger.debug("action no longer ours to run", metadata: ["tenant": "\(tenant.slug)", "action": "\(action.id)"])
        }
    }
}
