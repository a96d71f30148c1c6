import Postgres
import RecouvreCore

/// Serialises, per tenant, the imports that turn money received into payments: bank
/// statements and payments files.
///
/// Each decides what to record from the open balances it reads; two running side by side could
/// both pay the same invoice in full (an overpayment, though never the same payment twice,
/// which the unique keys prevent). The lock is a transaction-scoped advisory lock, released
/// at commit or rollback; it keeps nothing else waiting.
enum PaymentIntakeLock {
    /// Takes the tenant's lock in the current transaction, waiting for an import holding it.
    static func take(_ c: PostgresConnection, slug: TenantSlug) throws {
        _ = try c.query("SELECT pg_advisory_xact_lock(hashtextextended('recouvre.payment_intake.' || $1, 0))", [slug.rawValue])
    }
}
