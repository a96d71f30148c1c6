import Foundation
import Postgres
import RecouvreCore

/// Finds due work across tenants and claims it with leases.
///
/// The scheduler polls `recouvre.due_work` and `recouvre.due_hints`, two small indexed tables,
/// rather than every tenant schema: an idle daemon costs one query per poll whatever the
/// number of tenants. Tenant triggers only ever insert hints, so an integration's transaction
/// and a worker's never wait on each other for them. Within a
/// tenant, actions are claimed with `FOR UPDATE SKIP LOCKED`, so several daemons can share a
/// cluster without ever running the same action at the same time; a lease that expires (its
/// daemon died) makes the action claimable again.
public struct WorkQueue: Sendable {
    /// Identifies this daemon in leases, e.g. `host:pid:uuid`.
    public let owner: String
    /// How long a claim holds before another daemon may take the action over.
    public let lease: Duration

    public init(owner: String, lease: Duration = .seconds(300)) {
        self.owner = owner
        self.lease = lease
    }

    private var leaseSeconds: Int { Int(lease.components.seconds) }

    /// Active tenants with work due now — by their refreshed entry, or by a hint a trigger
    /// left since — least recently served first, so that tenants with a backlog take turns
    /// with the others however many are due.
    public func dueTenants(_ connection: PostgresConnection, limit: Int = 100) throws -> [TenantRecord] {
        try connection.query("""
            WITH due AS (
                SELECT tenant, next_due_at AS due_at FROM recouvre.due_work WHERE next_due_at <= now()
                UNION ALL
                SELECT tenant, due_at FROM recouvre.due_hints WHERE due_at <= now()
            ), earliest AS (
                SELECT tenant, min(due_at) AS due_at FROM due GROUP BY tenant
            )
            SELECT \(TenantRecord.columns.split(separator: ",").map { "t." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            FROM earliest e
            JOIN recouvre.tenants t ON t.slug = e.tenant
            LEFT JOIN recouvre.due_work w ON w.tenant = e.tenant
            WHERE t.status = 'active'
            ORDER BY w.served_at NULLS FIRST, e.due_at
            LIMIT $1
            """, [limit]).rows.map(TenantRecord.init(row:))
    }

    /// Makes actions whose lease expired schedulable again (their daemon stopped without
    /// finishing them); returns how many.
    public func reclaimExpiredLeases(_ connection: PostgresConnection, slug: TenantSlug) throws -> Int {
        let schema = slug.quotedSchema
        return try connection.transaction { c in
            let reclaimed = try c.query("""
                WITH expired AS (
                    SELECT id, lease_owner FROM \(schema).actions
                    WHERE state = 'running' AND lease_expires_at < now()
                    FOR UPDATE SKIP LOCKED
                ), reclaimed AS (
                    UPDATE \(schema).actions a
                    SET state = 'scheduled', lease_owner = NULL, lease_expires_at = NULL, updated_at = now(),
                        due_at = now()
                    FROM expired
                    WHERE a.id = expired.id
                    RETURNING a.id, a.debtor_id, a.invoice_id, expired.lease_owner AS previous_owner
                )
                INSERT INTO \(schema).events (kind, debtor_id, invoice_id, action_id, actor, detail)
                SELECT 'lease_expired', debtor_id, invoice_id, id, 'recouvred',
                       jsonb_build_object('expired_owner', previous_owner, 'reclaimed_by', $1::text)
                FROM reclaimed
                """, [owner])
            return reclaimed.affectedRows
        }
    }

    /// Claims up to `limit` due actions of a tenant, oldest due first.
    public func claim(_ connection: PostgresConnection, slug: TenantSlug, limit: Int) throws -> [ClaimedAction] {
        let schema = slug.quotedSchema
        return try connection.query("""
            WITH picked AS (
                SELECT id FROM \(schema).actions
                WHERE state = 'scheduled' AND due_at <= now()
                ORDER BY due_at
                LIMIT $3
                FOR UPDATE SKIP LOCKED
            )
            UPDATE \(schema).actions a
            SET state = 'running', lease_owner = $1, lease_expires_at = now() + make_interval(secs => $2),
                attempts = a.attempts + 1, updated_at = now()
            FROM picked
            WHERE a.id = picked.id
            RETURNING \(ClaimedAction.columns.split(separator: ",").map { "a." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            """, [owner, leaseSeconds, limit]).rows.map(ClaimedAction.init(row:)).sorted { $0.dueAt < $1.dueAt }
    }

    /// Gives back claimed actions that were not started (on shutdown), as if never claimed.
    public func release(_ connection: PostgresConnection, slug: TenantSlug, ids: [Int64]) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try connection.query("""
            UPDATE \(slug.quotedSchema).actions
            SET state = 'scheduled', lease_owner = NULL, lease_expires_at = NULL,
                attempts = greatest(attempts - 1, 0), updated_at = now()
            WHERE id = ANY($1::bigint[]) AND state = 'running' AND lease_owner = $2
            """, [ids, owner]).affectedRows
    }

    /// Sets the tenant's entry in `recouvre.due_work` to its earliest scheduled action or
    /// running lease, after a pass over the tenant, and folds in the tenant's hints.
    ///
    /// Only hints this transaction can see are deleted, and the minimum is read by a later
    /// statement, which sees the actions those hints announced. A hint from a transaction
    /// still open stays, and the next poll finds it. Nothing due is ever hidden.
    public func refreshDueWork(_ connection: PostgresConnection, slug: TenantSlug) throws {
        let schema = slug.quotedSchema
        try connection.transaction { c in
            _ = try c.query("""
                INSERT INTO recouvre.due_work (tenant) VALUES ($1) ON CONFLICT (tenant) DO NOTHING
                """, [slug.rawValue])
            // Two daemons refreshing the same tenant take turns.
            _ = try c.query("SELECT 1 FROM recouvre.due_work WHERE tenant = $1 FOR UPDATE", [slug.rawValue])
            // SKIP LOCKED: hints a compaction is folding are left to it; never wait on it.
            _ = try c.query("""
                DELETE FROM recouvre.due_hints WHERE ctid = ANY (ARRAY(
                    SELECT ctid FROM recouvre.due_hints WHERE tenant = $1 FOR UPDATE SKIP LOCKED))
                """, [slug.rawValue])
            _ = try c.query("""
                UPDATE recouvre.due_work SET next_due_at = least(
                    (SELECT min(due_at) FROM \(schema).actions WHERE state = 'scheduled'),
                    (SELECT min(lease_expires_at) FROM \(schema).actions WHERE state = 'running')),
                    -- For the queue-depth metric; capped so that a backlog costs no more than this.
                    due_count = (SELECT count(*) FROM (SELECT 1 FROM \(schema).actions
                                                       WHERE state = 'scheduled' AND due_at <= now() LIMIT 10000) due),
                    served_at = now()
                WHERE tenant = $1
                """, [slug.rawValue])
        }
    }

    /// Folds up to `limit` hints into `recouvre.due_work` (lowering entries, never raising
    /// them) and deletes them; returns how many. Keeps the hint table small when tenants do
    /// not get drained — paused ones, or ones whose work is not due yet — so that the poll
    /// stays one cheap query. Hints of tenants that no longer exist are dropped.
    public func compactHints(_ connection: PostgresConnection, limit: Int = 100_000) throws -> Int {
        try connection.query("""
            WITH moved AS (
                DELETE FROM recouvre.due_hints h
                WHERE h.ctid = ANY (ARRAY(SELECT ctid FROM recouvre.due_hints LIMIT $1))
                RETURNING h.tenant, h.due_at
            ), earliest AS (
                SELECT tenant, min(due_at) AS due_at FROM moved GROUP BY tenant
            ), folded AS (
                INSERT INTO recouvre.due_work AS w (tenant, next_due_at)
                SELECT e.tenant, e.due_at FROM earliest e JOIN recouvre.tenants t ON t.slug = e.tenant
                ON CONFLICT (tenant) DO UPDATE SET next_due_at = least(w.next_due_at, excluded.next_due_at)
            )
            SELECT count(*) AS n FROM moved
            """, [limit]).first?.decode(Int.self, "n") ?? 0
    }

    /// Marks a tenant's entry due now, so the next pass looks at it (`run-now`).
    public func markDueNow(_ connection: PostgresConnection, slug: TenantSlug?) throws -> Int {
        if let slug {
            return try connection.query("""
                INSERT INTO recouvre.due_work (tenant, next_due_at) VALUES ($1, now())
                ON CONFLICT (tenant) DO UPDATE SET next_due_at = now()
                """, [slug.rawValue]).affectedRows
        }
        return try connection.query("""
            INSERT INTO recouvre.due_work (tenant, next_due_at)
            SELECT slug, now() FROM recouvre.tenants WHERE status = 'active'
            ON CONFLICT (tenant) DO UPDATE SET next_due_at = now()
            """).affectedRows
    }
}
