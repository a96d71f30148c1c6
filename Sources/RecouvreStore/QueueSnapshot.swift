import Foundation
import Postgres

/// The state of the work queue and of the tenants, read from the operator schema alone
/// (`recouvre.due_work`, `recouvre.tenants`): two small queries whatever the number of tenants.
public struct QueueSnapshot: Sendable, Equatable {
    /// Tenants with something due now.
    public let tenantsDue: Int
    /// Actions due now, as counted when each tenant was last served (up to 10,000 a tenant).
    public let actionsDue: Int
    /// Seconds since the oldest due moment not yet served; 0 when nothing is due.
    public let oldestDueAge: Double
    public let activeTenants: Int
    public let pausedTenants: Int

    public init(tenantsDue: Int, actionsDue: Int, oldestDueAge: Double, activeTenants: Int, pausedTenants: Int) {
        self.tenantsDue = tenantsDue
        self.actionsDue = actionsDue
        self.oldestDueAge = oldestDueAge
        self.activeTenants = activeTenants
        self.pausedTenants = pausedTenants
    }

    /// Reads the snapshot. Work of paused tenants is not counted: it is not due to run.
    public static func read(_ c: PostgresConnection) throws -> QueueSnapshot {
        let queue = try c.query("""
            SELECT count(*) AS tenants,
                   coalesce(sum(greatest(w.due_count, 1)), 0)::bigint AS actions,
                   coalesce(extract(epoch FROM now() - min(w.next_due_at)), 0)::bigint AS oldest
            FROM recouvre.due_work w JOIN recouvre.tenants t ON t.slug = w.tenant AND t.status = 'active'
            WHERE w.next_due_at <= now()
            """).first
        let tenants = try c.query("""
            SELECT count(*) FILTER (WHERE status = 'active') AS active, count(*) FILTER (WHERE status = 'paused') AS paused
            FROM recouvre.tenants
            """).first
        return QueueSnapshot(tenantsDue: try queue?.decode(Int.self, "tenants") ?? 0,
                             actionsDue: try queue?.decode(Int.self, "actions") ?? 0,
                             oldestDueAge: Double(max(0, try queue?.decode(Int.self, "oldest") ?? 0)),
                             activeTenants: try tenants?.decode(Int.self, "active") ?? 0,
                             pausedTenants: try tenants?.decode(Int.self, "paused") ?? 0)
    }
}
