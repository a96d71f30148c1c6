import Foundation
import Synchronization

/// What the daemon is doing, shared between the scheduler, the workers and the control server.
public final class DaemonState: Sendable {
    /// How the last reload went, for `status`.
    public struct ReloadResult: Sendable, Equatable {
        public var at: Date
        /// nil when it succeeded; else why the file was refused (the running configuration is kept).
        public var error: String?
        /// Settings that changed but wait for a restart.
        public var needsRestart: [String]
    }

    private struct Values {
        var ready = false
        var stopping = false
        var drainRequested = false
        var databaseUp = false
        var inFlight: [Int: String] = [:]
        var nextToken = 0
        var batches = 0
        var lastPassAt: Date?
        var lastError: String?
        var executed = 0
        var lastReload: ReloadResult?
    }

    private let values = Mutex(Values())
    public let startedAt: Date

    public init(startedAt: Date = Date()) { self.startedAt = startedAt }

    public var ready: Bool { values.withLock { $0.ready } }
    /// No new work is claimed: an operator's `drain`, or shutdown.
    public var draining: Bool { values.withLock { $0.drainRequested || $0.stopping } }
    /// Shutting down (SIGTERM or SIGINT): drained for good.
    public var stopping: Bool { values.withLock { $0.stopping } }
    /// Draining, and nothing left in flight: no action running and no claim held.
    public var drained: Bool { values.withLock { ($0.drainRequested || $0.stopping) && $0.inFlight.isEmpty && $0.batches == 0 } }
    public var databaseUp: Bool { values.withLock { $0.databaseUp } }
    public var inFlight: Int { values.withLock { $0.inFlight.count } }
    /// The actions being executed, as `tenant#id`, sorted.
    public var inFlightActions: [String] { values.withLock { $0.inFlight.values.sorted() } }
    public var lastPassAt: Date? { values.withLock { $0.lastPassAt } }
    public var lastError: String? { values.withLock { $0.lastError } }
    /// Actions executed since start.
    public var executed: Int { values.withLock { $0.executed } }
    public var lastReload: ReloadResult? { values.withLock { $0.lastReload } }

    func markReady() { values.withLock { $0.ready = true } }
    /// Shutdown: no new work, and `undrain` no longer resumes.
    func markStopping() { values.withLock { $0.stopping = true } }
    /// `recouvrectl drain`: stop claiming; returns whether it was already draining.
    @discardableResult
    func requestDrain() -> Bool {
        values.withLock { values in
            let already = values.drainRequested
            values.drainRequested = true
            return already
        }
    }
    /// `recouvrectl undrain`: claim again (unless shutting down).
    func cancelDrain() { values.withLock { $0.drainRequested = false } }
    func databaseReachable(_ up: Bool) { values.withLock { $0.databaseUp = up } }
    func passCompleted(at date: Date) { values.withLock { $0.lastPassAt = date; $0.databaseUp = true } }
    /// Keeps the last error with when it happened, for `status`.
    func recordError(_ error: any Error, at date: Date = Date()) {
        let text = "\(date.formatted(.iso8601)): \(LogRedaction.error(error))"
        values.withLock { $0.lastError = text }
    }
    /// A worker holds claims of a tenant from now until `batchFinished`.
    func batchStarted() { values.withLock { $0.batches += 1 } }
    func batchFinished() { values.withLock { $0.batches -= 1 } }
    /// Returns the token to give `actionFinished`.
    func actionStarted(_ label: String) -> Int {
        values.withLock { values in
            values.nextToken += 1
            values.inFlight[values.nextToken] = label
            return values.nextToken
        }
    }
    func actionFinished(_ token: Int) { values.withLock { $0.inFlight[token] = nil; $0.executed += 1 } }
    func recordReload(_ result: ReloadResult) { values.withLock { $0.lastReload = result } }
}
