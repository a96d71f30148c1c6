import Foundation
import Testing
import RecouvreCore

@Suite struct RetryPolicyTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)

    private func delay(_ outcome: RetryPolicy.Outcome) throws -> TimeInterval {
        guard case .retry(let at) = outcome else {
            Issue.record("expected a retry, got \(outcome)")
            throw CancellationError()
        }
        return at.timeIntervalSince(now)
    }

    @Test func doublesWithinJitterBounds() throws {
        let policy = RetryPolicy()
        for (attempts, nominal) in [(1, 30.0), (2, 60.0), (3, 120.0), (4, 240.0), (5, 480.0)] {
            #expect(try delay(policy.afterFailure(attempts: attempts, now: now, jitter: 0)) == nominal / 2)
            #expect(try delay(policy.afterFailure(attempts: attempts, now: now, jitter: 1)) == nominal)
            let middle = try delay(policy.afterFailure(attempts: attempts, now: now, jitter: 0.5))
            #expect(middle > nominal / 2 && middle < nominal)
        }
    }

    @Test func deadAfterTheLastAttempt() {
        let policy = RetryPolicy()
        #expect(policy.afterFailure(attempts: 6, now: now, jitter: 0.5) == .dead)
        #expect(policy.afterFailure(attempts: 60, now: now, jitter: 0.5) == .dead)
        #expect(RetryPolicy(maxAttempts: 1).afterFailure(attempts: 1, now: now, jitter: 0) == .dead)
    }

    @Test func neverExceedsTheMaximum() throws {
        let policy = RetryPolicy(base: .seconds(30), maximum: .seconds(3600), maxAttempts: 1000)
        for attempts in [8, 9, 20, 64, 999] {
            let value = try delay(policy.afterFailure(attempts: attempts, now: now, jitter: 1))
            #expect(value == 3600)
            #expect(try delay(policy.afterFailure(attempts: attempts, now: now, jitter: 0)) == 1800)
        }
    }

    @Test func clampsOddJitter() throws {
        let policy = RetryPolicy(base: .milliseconds(500))
        #expect(try delay(policy.afterFailure(attempts: 1, now: now, jitter: 7)) == 0.5)
        #expect(try delay(policy.afterFailure(attempts: 1, now: now, jitter: -3)) == 0.25)
        #expect(try delay(policy.afterFailure(attempts: 1, now: now, jitter: .nan)) == 0.25)
        #expect(try delay(policy.afterFailure(attempts: 0, now: now, jitter: 1)) == 0.5)
    }
}
