import Foundation

/// A rate limit as a token bucket: up to `perMinute` tokens, refilled continuously at
/// `perMinute` a minute; a message takes one. Pure arithmetic: the shared state lives in the
/// database (`recouvre.rate_buckets`), which applies the same rule atomically.
public struct TokenBucket: Sendable, Hashable {
    /// Messages allowed per minute, and the most that may go in a burst.
    public let perMinute: Int

    /// Nil unless `perMinute` is at least 1.
    public init?(perMinute: Int) {
        guard perMinute >= 1 else { return nil }
        self.perMinute = perMinute
    }

    /// The tokens in a bucket that held `tokens` at `refilledAt`, at `now`.
    public func tokens(_ tokens: Double, refilledAt: Date, now: Date) -> Double {
        let elapsed = max(0, now.timeIntervalSince(refilledAt))
        return min(Double(perMinute), tokens + elapsed * Double(perMinute) / 60)
    }

    /// When a bucket that holds `tokens` now will hold one whole token; `now` if it does.
    public func nextToken(after tokens: Double, now: Date) -> Date {
        guard tokens < 1 else { return now }
        return now.addingTimeInterval((1 - tokens) * 60 / Double(perMinute))
    }
}
