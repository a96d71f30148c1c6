import Postgres
import Testing

@Suite("Backoff schedule")
struct BackoffTests {
    let backoff = Backoff(initial: .milliseconds(100), maximum: .seconds(5), multiplier: 2, maxAttempts: 10)

    @Test func fullJitterUpperBoundGrowsGeometrically() {
        #expect(backoff.delay(forAttempt: 0, jitter: 1) == .milliseconds(100))
        #expect(backoff.delay(forAttempt: 1, jitter: 1) == .milliseconds(200))
        #expect(backoff.delay(forAttempt: 3, jitter: 1) == .milliseconds(800))
    }

    @Test func neverExceedsTheMaximumEvenForHugeAttempts() {
        #expect(backoff.delay(forAttempt: 6, jitter: 1) == .seconds(5))
        #expect(backoff.delay(forAttempt: 10_000, jitter: 1) == .seconds(5))
        #expect(backoff.delay(forAttempt: Int.max, jitter: 1) == .seconds(5))
    }

    @Test func jitterScalesWithinZeroAndTheCeiling() {
        #expect(backoff.delay(forAttempt: 2, jitter: 0) == .zero)
        #expect(backoff.delay(forAttempt: 2, jitter: 0.5) == .milliseconds(200))
        for attempt in 0..<20 {
            for jitter in stride(from: 0.0, through: 1.0, by: 0.125) {
                let delay = backoff.delay(forAttempt: attempt, jitter: jitter)
                #expect(delay >= .zero)
                #expect(delay <= backoff.ceiling(forAttempt: attempt))
                #expect(delay <= .seconds(5))
            }
        }
    }

    @Test func outOfRangeInputsAreClamped() {
        #expect(backoff.delay(forAttempt: -3, jitter: 1) == .milliseconds(100))
        #expect(backoff.delay(forAttempt: 1, jitter: 7) == .milliseconds(200))
        #expect(backoff.delay(forAttempt: 1, jitter: -1) == .zero)
        #expect(backoff.delay(forAttempt: 1, jitter: .nan) == .milliseconds(200))
        #expect(Backoff(maxAttempts: 0).maxAttempts == 1)
    }

    @Test func defaultsAreTheDocumentedOnes() {
        let defaults = Backoff()
        #expect(defaults.initial == .milliseconds(100))
        #expect(defaults.maximum == .seconds(5))
        #expect(defaults.maxAttempts == 50)
        #expect(defaults.delay(forAttempt: 0, jitter: 1) == .milliseconds(100))
    }
}
