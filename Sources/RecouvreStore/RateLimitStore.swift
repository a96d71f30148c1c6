import Foundation
import Postgres
import RecouvreCore

/// Rate limits held across every daemon, in `recouvre.rate_buckets`.
///
/// Each take is one statement of its own (autocommit), before the action's transaction: the
/// bucket's row is locked for a moment, not for the length of a delivery, so a tenant's sends
/// are not serialised behind one another.
public struct RateLimitStore: Sendable {
    public init() {}

    /// Takes a token from `key`'s bucket; nil when taken, else the moment a token will be there.
    public func take(_ c: PostgresConnection, key: String, bucket: TokenBucket) throws -> Date? {
        let taken = try c.query("""
            INSERT INTO recouvre.rate_buckets AS b (key, tokens, refilled_at) VALUES ($1, $2::numeric - 1, now())
            ON CONFLICT (key) DO UPDATE
            SET tokens = least($2::numeric, b.tokens + extract(epoch FROM now() - b.refilled_at) * $2::numeric / 60) - 1,
                refilled_at = now()
            WHERE least($2::numeric, b.tokens + extract(epoch FROM now() - b.refilled_at) * $2::numeric / 60) >= 1
            RETURNING tokens
            """, [key, bucket.perMinute])
        guard taken.rows.isEmpty else { return nil }
        guard let row = try c.query("SELECT tokens, refilled_at, now() AS now FROM recouvre.rate_buckets WHERE key = $1", [key]).first
        else { return nil }
        let now = try row.decode(Date.self, "now")
        let tokens = bucket.tokens(NSDecimalNumber(decimal: try row.decode(Decimal.self, "tokens")).doubleValue,
                                   refilledAt: try row.decode(Date.self, "refilled_at"), now: now)
        return bucket.nextToken(after: tokens, now: now)
    }
}
