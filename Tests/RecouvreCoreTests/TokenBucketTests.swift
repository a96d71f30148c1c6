import Foundation
import RecouvreCore
import Testing

@Suite struct TokenBucketTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func refillsAtTheRateUpToOneMinutesWorth() throws {
        let bucket = try #require(TokenBucket(perMinute: 60))
        // One token a second, capped at 60.
        #expect(bucket.tokens(0, refilledAt: start, now: start.addingTimeInterval(10)) == 10)
        #expect(bucket.tokens(55, refilledAt: start, now: start.addingTimeInterval(10)) == 60)
        #expect(bucket.tokens(3, refilledAt: start, now: start.addingTimeInterval(-5)) == 3, "a clock going back adds nothing")
    }

    @Test func theNextTokenComesWhenTheRateAllows() throws {
        let bucket = try #require(TokenBucket(perMinute: 6))
        // 6 a minute: a token every 10 s; with 0.25 left, 7.5 s to wait.
        #expect(bucket.nextToken(after: 0.25, now: start) == start.addingTimeInterval(7.5))
        #expect(bucket.nextToken(after: 1, now: start) == start)
        #expect(TokenBucket(perMinute: 0) == nil)
    }
}
