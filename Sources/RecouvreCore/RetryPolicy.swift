import Foundation

/// When to try a failed delivery again: exponential backoff with jitter, then give up.
public struct RetryPolicy: Sendable, Hashable {
    /// The delay after the first failure, before jitter.
    public let base: Duration
    /// The longest delay, before jitter.
    public let maximum: Duration
    /// Attempts allowed in all; the failure of the last one is final.
    public let maxAttempts: Int

    /// What follows a failed attempt.
    public enum Outcome: Sendable, Equatable {
        /// Try again at this instant.
        case retry(at: Date)
        /// No attempt left.
        case dead
    }

    /// Creates a policy.
    public init(base: Duration = .seconds(30), maximum: Duration = .seconds(3600), maxAttempts: Int = 6) {
        self.base = base
        self.maximum = max(maximum, base)
        self.maxAttempts = max(1, maxAttempts)
    }

    /// The outcome after `attempts` attempts (counting the one that just failed) have failed.
    ///
    /// The delay doubles from `base` up to `maximum`; `jitter` (0 to 1, drawn by the caller)
    /// picks a point in its upper half, so retries of many messages failed together spread out
    /// without ever coming sooner than half the nominal delay.
    public func afterFailure(attempts: Int, now: Date, jitter: Double) -> Outcome {
        guard attempts < maxAttempts else { return .dead }
        let nominal = delay(afterAttempts: attempts)
        let spread = jitter.isFinite ? min(max(jitter, 0), 1) : 0
        return .retry(at: now.addingTimeInterval(nominal / 2 + nominal / 2 * spread))
    }

    /// The nominal delay in seconds after `attempts` failures, before jitter.
    public func delay(afterAttempts attempts: Int) -> TimeInterval {
        let exponent = min(max(attempts - 1, 0), 62)
        let doubled = Self.seconds(base) * pow(2, Double(exponent))
        return min(doubled, Self.seconds(maximum))
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let parts = duration.components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
