import Dispatch
import Foundation

/// Owns one `PostgresConnection` on a dedicated serial `DispatchQueue` and reconnects, with
/// backoff, when the connection is lost.
///
/// libpq blocks the calling thread, so the connection never runs on Swift's cooperative pool:
/// every use hops to the client's queue and the awaiting task is resumed when it is done.
///
/// `@unchecked Sendable` is sound because all mutable state lives in `State`, which is read and
/// written only on `queue` (a serial queue), except `reconnectCount`, which sits behind a lock.
public final class PostgresClient: @unchecked Sendable {
    /// Name of the client's queue, as seen in debuggers and crash reports.
    public let queueLabel: String
    /// The schedule used between failed connection attempts.
    public let backoff: Backoff
    private let conninfo: String
    private let applicationName: String
    private let queue: DispatchQueue
    private let queueKey = DispatchSpecificKey<ObjectIdentifier>()
    private let state = State()
    private let reconnects = NSLock()
    private var reconnectTotal = 0

    /// How long a connection is used before it is replaced by a fresh one; nil for ever.
    public let maxConnectionAge: Duration?
    /// SQL run on every new connection.
    public let sessionSetup: String?

    /// Mutable state confined to `queue`.
    private final class State {
        var connection: PostgresConnection?
        var openedAt = ContinuousClock.now
        var recycleRequested = false
        /// True once a connection was lost, so the next successful connect counts as a reconnection.
        var lost = false
        var closed = false
    }

    /// Creates a client; no connection is made until the first `withConnection`.
    ///
    /// `maxConnectionAge` recycles the connection between calls once it is that old: a server
    /// backend keeps caches of every schema it touched for as long as it lives, which adds up
    /// when one connection serves thousands of tenant schemas.
    ///
    /// `sessionSetup` is SQL run on every new connection (e.g. `SET lock_timeout = '5s'`).
    public init(conninfo: String, applicationName: String = "recouvre", backoff: Backoff = Backoff(),
                maxConnectionAge: Duration? = nil, sessionSetup: String? = nil) {
        self.conninfo = conninfo
        self.applicationName = applicationName
        self.backoff = backoff
        self.maxConnectionAge = maxConnectionAge
        self.sessionSetup = sessionSetup
        self.queueLabel = "recouvre.postgres.\(applicationName)"
        self.queue = DispatchQueue(label: queueLabel, qos: .userInitiated)
        queue.setSpecific(key: queueKey, value: ObjectIdentifier(self))
    }

    /// The number of successful reconnections after a lost connection (for metrics).
    public var reconnectCount: Int {
        reconnects.lock()
        defer { reconnects.unlock() }
        return reconnectTotal
    }

    /// Whether the caller is running on this client's connection queue, as `body` does.
    public var isOnConnectionQueue: Bool {
        DispatchQueue.getSpecific(key: queueKey) == ObjectIdentifier(self)
    }

    /// Runs `body` with the connection, on the connection's own queue.
    ///
    /// Connects lazily. If there is no usable connection, connects first, waiting with
    /// `backoff` between failed attempts and throwing a `.connection` error after
    /// `backoff.maxAttempts` attempts in this call. If `body` throws an error that means the
    /// connection is gone, the connection is dropped so the next call reconnects, and the error
    /// is rethrown: `body` is never retried, since it may have had effects.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        var lastError: PostgresError?
        for attempt in 0..<backoff.maxAttempts {
            if attempt > 0 {
                try await Task.sleep(for: backoff.delay(forAttempt: attempt - 1, jitter: Double.random(in: 0...1)))
            }
            switch await onQueue({ self.connectAndRun(body) }) {
            case .ran(let result):
                return try result.get()
            case .connectFailed(let error):
                lastError = error
            }
        }
        throw PostgresError(
            kind: .connection,
            message: "could not connect to PostgreSQL after \(backoff.maxAttempts) attempts; last error: \(lastError?.message ?? "none")"
        )
    }

    /// Asks for a fresh connection at the next call (the current one is closed then, outside
    /// any transaction), e.g. after it has touched many schemas.
    public func recycle() async {
        await onQueue { self.state.recycleRequested = true }
    }

    /// Closes the connection; later calls throw an error of kind `.closed`.
    public func close() async {
        await onQueue {
            self.state.closed = true
            self.state.connection?.close()
            self.state.connection = nil
        }
    }

    private enum Outcome<T: Sendable>: Sendable {
        case ran(Result<T, any Error>)
        case connectFailed(PostgresError)
    }

    /// Runs on `queue` only.
    private func connectAndRun<T: Sendable>(_ body: (PostgresConnection) throws -> T) -> Outcome<T> {
        dispatchPrecondition(condition: .onQueue(queue))
        if state.closed {
            return .ran(.failure(PostgresError(kind: .closed, message: "the client was closed; create a new one")))
        }
        if let connection = state.connection, !connection.isConnected {
            dropConnection()
        }
        if let connection = state.connection, !connection.isInTransaction,
           state.recycleRequested || maxConnectionAge.map({ ContinuousClock.now - state.openedAt >= $0 }) == true {
            connection.close()
            state.connection = nil
        }
        state.recycleRequested = false
        let connection: PostgresConnection
        if let current = state.connection {
            connection = current
        } else {
            do {
                connection = try PostgresConnection(conninfo: conninfo, applicationName: applicationName)
                if let sessionSetup { try connection.execute(sessionSetup) }
            } catch let error as PostgresError {
                return .connectFailed(error)
            } catch {
                return .connectFailed(PostgresError(kind: .connection, message: "\(error)"))
            }
            state.connection = connection
            state.openedAt = .now
            if state.lost {
                state.lost = false
                reconnects.lock()
                reconnectTotal += 1
                reconnects.unlock()
            }
        }
        do {
            return .ran(.success(try body(connection)))
        } catch {
            if (error as? PostgresError)?.isConnectionLost == true || !connection.isConnected {
                dropConnection()
            }
            return .ran(.failure(error))
        }
    }

    private func dropConnection() {
        state.connection?.close()
        state.connection = nil
        state.lost = true
    }

    private func onQueue<R: Sendable>(_ work: @escaping @Sendable () -> R) async -> R {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }
}
