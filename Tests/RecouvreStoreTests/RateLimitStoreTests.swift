import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import Testing

/// Rate buckets shared by every daemon: a burst of one minute's worth, then one token at a time.
@Suite("Rate limits across daemons")
final class RateLimitStoreTests {
    let database: StoreDatabase

    init() throws { database = try StoreDatabase() }

    @Test func aBurstThenAWaitAcrossTwoConnections() throws {
        let bucket = try #require(TokenBucket(perMinute: 3))
        let other = try database.connect()
        defer { other.close() }
        let limits = RateLimitStore()
        #expect(try limits.take(database.connection, key: "tenant:acme", bucket: bucket) == nil)
        #expect(try limits.take(other, key: "tenant:acme", bucket: bucket) == nil)
        #expect(try limits.take(database.connection, key: "tenant:acme", bucket: bucket) == nil)
        // The fourth within the minute waits for the next token: about 20 s (3 a minute).
        let later = try #require(try limits.take(other, key: "tenant:acme", bucket: bucket))
        let wait = later.timeIntervalSinceNow
        #expect(wait > 15 && wait <= 20.5, "waits \(wait) s")
        // Another key has its own bucket.
        #expect(try limits.take(other, key: "relay:smtp.example:25", bucket: bucket) == nil)
    }

    @Test func keysAreChecked() throws {
        let error = try #require(throws: PostgresError.self) {
            try RateLimitStore().take(self.database.connection, key: "whatever", bucket: TokenBucket(perMinute: 1)!)
        }
        #expect(error.sqlState == "23514")
    }
}
