import Logging
import Postgres
import RecouvreStore

/// One database connection that executes actions, and the SMTP connections it reuses.
final class Worker: Sendable {
    let index: Int
    let database: PostgresClient
    let mail: MailSession

    /// Tenant schemas the current connection has touched; see `noteTenant`.
    private let touched = LockedValue<Set<String>>([])
    /// After this many tenant schemas, the connection is replaced: a backend keeps about 85 KB
    /// of cache per schema it touched, for as long as it lives.
    static let tenantsPerConnection = 500

    init(index: Int, conninfo: String, heloName: String, connectionLifetime: Duration, deliveryTimeout: Duration = .seconds(20),
         caFile: String? = nil) {
        self.index = index
        database = PostgresClient(conninfo: conninfo, applicationName: "recouvred worker \(index)",
                                  backoff: Scheduler.connectionBackoff, maxConnectionAge: connectionLifetime,
                                  sessionSetup: Scheduler.sessionSetup)
        mail = MailSession(heloName: heloName, timeout: deliveryTimeout, caFile: caFile)
    }

    /// Records that the connection worked on `tenant`, and has it replaced once it has touched
    /// too many tenant schemas.
    func noteTenant(_ tenant: String) async {
        var full = false
        touched.modify { set in
            set.insert(tenant)
            if set.count >= Self.tenantsPerConnection {
                set.removeAll()
                full = true
            }
        }
        if full { await database.recycle() }
    }

    /// Closes the database connection, then the SMTP connections: once the database queue is
    /// closed nothing else touches the mail session, and no database is needed to close it.
    func close() async {
        await database.close()
        mail.closeAll()
    }
}

/// Lends workers to tenant passes, at most one pass per worker at a time.
actor WorkerPool {
    private var idle: [Worker]
    private var waiting: [CheckedContinuation<Worker, Never>] = []
    nonisolated let all: [Worker]

    init(workers: [Worker]) {
        idle = workers
        all = workers
    }

    func acquire() async -> Worker {
        if let worker = idle.popLast() { return worker }
        return await withCheckedContinuation { waiting.append($0) }
    }

    func release(_ worker: Worker) {
        if waiting.isEmpty {
            idle.append(worker)
        } else {
            waiting.removeFirst().resume(returning: worker)
        }
    }
}
