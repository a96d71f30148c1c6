import Foundation

/// Exponential backoff with full jitter, as a pure value.
///
/// The delay before retry `n` (0 = first retry) is drawn uniformly from
/// `0...min(maximum, initial * multiplier^n)`; the caller supplies the random draw as `jitter`
/// so the schedule can be tested without I/O or randomness.
public struct Backoff: Sendable, Equatable {
    /// The ceiling of the first retry's delay.
    public let initial: Duration
    /// The largest delay ever returned.
    public let maximum: Duration
    /// How much the ceiling grows from one retry to the next.
    public let multiplier: Double
    /// How many connection attempts one call may make before giving up.
    public let maxAttempts: Int

    /// Creates a schedule; negative or nonsensical inputs are clamped to safe values.
    public init(
        initial: Duration = .milliseconds(100),
        maximum: Duration = .seconds(5),
        multiplier: Double = 2,
        maxAttempts: Int = 50
    ) {
        self.initial = max(initial, .zero)
        self.maximum = max(maximum, .zero)
        self.multiplier = multiplier.isFinite && multiplier >= 1 ? multiplier : 1
        self.maxAttempts = max(maxAttempts, 1)
    }

    /// The ceiling of the delay before retry `attempt`, before jitter.
    public func ceiling(forAttempt attempt: Int) -> Duration {
        let initialSeconds = Self.seconds(initial)
        let maximumSeconds = Self.seconds(maximum)
        let grown = initialSeconds * Foundation.pow(multiplier, Double(max(attempt, 0)))
        // `grown` is +infinity for large attempts; returning `maximum` itself keeps the cap exact.
        guard grown.isFinite, grown < maximumSeconds else { return maximum }
        return min(.seconds(grown), maximum)
    }

    /// The delay before retry `attempt` (0 = first retry) for a random draw `jitter` in `0...1`.
    public func delay(forAttempt attempt: Int, jitter: Double) -> Duration {
        let fraction = jitter.isFinite ? min(max(jitter, 0), 1) : 1
        let ceiling = ceiling(forAttempt: attempt)
        return min(max(ceiling * fraction, .zero), ceiling)
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
