import Foundation
import Synchronization

/// What the daemon is doing, shared between the scheduler, the workers and the control server.
public final class DaemonState: Sendable {
    private struct Values {
        var ready = false
        var draining = false
        var databaseUp = false
        var inFlight = 0
        var lastPassAt: Date?
        var lastError: String?
        var executed = 0
    }

    private let values = Mutex(Values())
    public let startedAt: Date

    public init(startedAt: Date = Date()) { self.startedAt = startedAt }

    public var ready: Bool { values.withLock { $0.ready } }
    public var draining: Bool { values.withLock { $0.draining } }
    public var databaseUp: Bool { values.withLock { $0.databaseUp } }
    public var inFlight: Int { values.withLock { $0.inFlight } }
    public var lastPassAt: Date? { values.withLock { $0.lastPassAt } }
    public var lastError: String? { values.withLock { $0.lastError } }
    /// Actions executed since start.
    public var executed: Int { values.withLock { $0.executed } }

    func markReady() { values.withLock { $0.ready = true } }
    func markDraining() { values.withLock { $0.draining = true } }
    func databaseReachable(_ up: Bool) { values.withLock { $0.databaseUp = up } }
    func passCompleted(at date: Date) { values.withLock { $0.lastPassAt = date; $0.databaseUp = true } }
    /// Keeps the last error with when it happened, for `status`.
    func recordError(_ error: any Error, at date: Date = Date()) {
        let text = "\(date.formatted(.iso8601)): \(error)"
        values.withLock { $0.lastError = text }
    }
    func actionStarted() { values.withLock { $0.inFlight += 1 } }
    func actionFinished() { values.withLock { $0.inFlight -= 1; $0.executed += 1 } }
}
