import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import Testing

@Suite("Work queue: due tenants, claims with leases, reclaiming")
final class WorkQueueTests {
    let database: StoreDatabase
    let queue = WorkQueue(owner: "host-a:101:test", lease: .seconds(120))

    init() throws {
        database = try StoreDatabase()
    }

    private var c: PostgresConnection { database.connection }

    /// Adds `count` actions due a minute ago, without debtors (the queue does not need them).
    private func addDueActions(_ sql: PostgresConnection, count: Int) throws {
        _ = try sql.query("""
            INSERT INTO actions (kind, due_at) SELECT 'review_debtor', now() - interval '1 minute' - n * interval '1 ms'
            FROM generate_series(1, $1) AS n
            """, [count])
    }

    @Test func dueTenantsListsActiveTenantsWithDueWorkOnly() throws {
        let acme = try database.tenant("acme")
        let paused = try database.tenant("paused")
        _ = try database.tenant("idle")
        let later = try database.tenant("later")
        try addDueActions(acme.sql, count: 1)
        try addDueActions(paused.sql, count: 1)
        _ = try later.sql.query("INSERT INTO actions (kind, due_at) VALUES ('review_debtor', now() + interval '1 hour')")
        _ = try TenantRegistry().pause(c, slug: paused.slug)

        #expect(try queue.dueTenants(c).map(\.slug.rawValue) == ["acme"])
        _ = try TenantRegistry().resume(c, slug: paused.slug)
        #expect(Set(try queue.dueTenants(c).map(\.slug.rawValue)) == ["acme", "paused"])
        #expect(try queue.dueTenants(c, limit: 1).count == 1)
    }

    @Test func markDueNowMakesATenantDue() throws {
        let idle = try database.tenant("idle")
        #expect(try queue.dueTenants(c).isEmpty)
        #expect(try queue.markDueNow(c, slug: idle.slug) == 1)
        #expect(try queue.dueTenants(c).map(\.slug) == [idle.slug])
    }

    @Test func claimTakesDueActionsOldestFirstAndLeasesThem() throws {
        let tenant = try database.tenant("acme")
        try addDueActions(tenant.sql, count: 3)
        _ = try tenant.sql.query("INSERT INTO actions (kind, due_at) VALUES ('review_debtor', now() + interval '1 hour')")

        let claimed = try queue.claim(c, slug: tenant.slug, limit: 10)
        #expect(claimed.count == 3)
        #expect(claimed.map(\.dueAt) == claimed.map(\.dueAt).sorted())
        #expect(claimed.allSatisfy { $0.kind == .reviewDebtor && $0.attempts == 1 })

        let rows = try tenant.sql.query("""
            SELECT id, state, lease_owner, lease_expires_at > now() + interval '100 seconds' AS leased
            FROM actions WHERE id = ANY($1::bigint[])
            """, [claimed.map(\.id)]).rows
        #expect(rows.count == 3)
        for row in rows {
            #expect(try row.decode(String.self, "state") == "running")
            #expect(try row.decode(String.self, "lease_owner") == queue.owner)
            #expect(try row.decode(Bool.self, "leased"))
        }
        #expect(try queue.claim(c, slug: tenant.slug, limit: 10).isEmpty)
        #expect(try tenant.sql.value("SELECT count(*) FROM actions WHERE state = 'scheduled'", as: Int.self) == 1)
    }

    @Test func claimRespectsTheLimit() throws {
        let tenant = try database.tenant("acme")
        try addDueActions(tenant.sql, count: 5)
        #expect(try queue.claim(c, slug: tenant.slug, limit: 2).count == 2)
        #expect(try queue.claim(c, slug: tenant.slug, limit: 2).count == 2)
        #expect(try queue.claim(c, slug: tenant.slug, limit: 2).count == 1)
    }

    @Test func twoOwnersClaimingConcurrentlyGetDisjointActions() throws {
        let tenant = try database.tenant("acme")
        try addDueActions(tenant.sql, count: 100)
        let conninfo = database.conninfo
        let slug = tenant.slug
        let results = inParallel(2) { index -> [Int64] in
            let connection = try PostgresConnection(conninfo: conninfo, applicationName: "recouvre-store-tests")
            defer { connection.close() }
            let owner = WorkQueue(owner: "owner-\(index)")
            var mine: [Int64] = []
            while true {
                let batch = try owner.claim(connection, slug: slug, limit: 10)
                if batch.isEmpty { break }
                #expect(batch.count <= 10)
                mine += batch.map(\.id)
            }
            return mine
        }
        let first = try results[0].get()
        let second = try results[1].get()
        #expect(Set(first).isDisjoint(with: Set(second)))
        #expect(first.count + second.count == 100)
        #expect(Set(first).union(second).count == 100)
        // Each action is leased to the owner that got it.
        let owners = try tenant.sql.query("SELECT id, lease_owner FROM actions").rows.reduce(into: [Int64: String]()) {
            $0[try $1.decode(Int64.self, "id")] = try $1.decode(String.self, "lease_owner")
        }
        #expect(first.allSatisfy { owners[$0] == "owner-0" })
        #expect(second.allSatisfy { owners[$0] == "owner-1" })
    }

    @Test func releaseGivesActionsBackAsIfNeverClaimed() throws {
        let tenant = try database.tenant("acme")
        try addDueActions(tenant.sql, count: 3)
        let ids = try queue.claim(c, slug: tenant.slug, limit: 10).map(\.id)
        #expect(try WorkQueue(owner: "someone-else").release(c, slug: tenant.slug, ids: ids) == 0)
        #expect(try queue.release(c, slug: tenant.slug, ids: []) == 0)
        #expect(try queue.release(c, slug: tenant.slug, ids: ids) == 3)
        let rows = try tenant.sql.query("SELECT state, lease_owner, lease_expires_at, attempts FROM actions").rows
        for row in rows {
            #expect(try row.decode(String.self, "state") == "scheduled")
            #expect(try row.isNull("lease_owner"))
            #expect(try row.isNull("lease_expires_at"))
            #expect(try row.decode(Int.self, "attempts") == 0)
        }
        #expect(Set(try queue.claim(c, slug: tenant.slug, limit: 10).map(\.id)) == Set(ids))
    }

    @Test func expiredLeasesAreReclaimedAndJournaled() throws {
        let tenant = try database.tenant("acme")
        try addDueActions(tenant.sql, count: 2)
        let claimed = try WorkQueue(owner: "crashed-daemon").claim(c, slug: tenant.slug, limit: 10)
        #expect(claimed.count == 2)
        let expired = claimed[0].id
        _ = try tenant.sql.query("UPDATE actions SET lease_expires_at = now() - interval '1 second' WHERE id = $1", [expired])

        #expect(try queue.reclaimExpiredLeases(c, slug: tenant.slug) == 1)
        let row = try #require(try tenant.sql.query("SELECT state, lease_owner FROM actions WHERE id = $1", [expired]).first)
        #expect(try row.decode(String.self, "state") == "scheduled")
        #expect(try row.isNull("lease_owner"))
        #expect(try tenant.sql.value("SELECT state FROM actions WHERE id = $1", [claimed[1].id], as: String.self) == "running")

        let event = try #require(try tenant.sql.query(
            "SELECT action_id, detail->>'reclaimed_by' AS by, detail->>'expired_owner' AS expired_owner FROM events WHERE kind = 'lease_expired'").first)
        #expect(try event.decode(Int64.self, "action_id") == expired)
        #expect(try event.decode(String.self, "by") == queue.owner)
        #expect(try event.decode(String.self, "expired_owner") == "crashed-daemon")

        #expect(try queue.reclaimExpiredLeases(c, slug: tenant.slug) == 0)
        let retaken = try queue.claim(c, slug: tenant.slug, limit: 10)
        #expect(retaken.map(\.id) == [expired])
        #expect(retaken.first?.attempts == 2)
    }

    @Test func refreshDueWorkFollowsTheEarliestScheduledAction() throws {
        let tenant = try database.tenant("acme")
        _ = try tenant.sql.query("""
            INSERT INTO actions (kind, due_at) VALUES
                ('review_debtor', '2030-05-01T09:00:00Z'), ('review_debtor', '2030-04-01T09:00:00Z')
            """)
        _ = try c.query("UPDATE recouvre.due_work SET next_due_at = now() - interval '1 day' WHERE tenant = 'acme'")
        try queue.refreshDueWork(c, slug: tenant.slug)
        #expect(try c.value("SELECT next_due_at = '2030-04-01T09:00:00Z' FROM recouvre.due_work WHERE tenant = 'acme'",
                            as: Bool.self))
        #expect(try queue.dueTenants(c).isEmpty)

        _ = try tenant.sql.query("UPDATE actions SET state = 'cancelled'")
        try queue.refreshDueWork(c, slug: tenant.slug)
        #expect(try c.optionalValue("SELECT next_due_at FROM recouvre.due_work WHERE tenant = 'acme'", as: Date.self) == nil)
    }

    @Test func compactingHintsLowersEntriesAndEmptiesTheTable() throws {
        let tenant = try database.tenant("acme")
        _ = try c.query("UPDATE recouvre.due_work SET next_due_at = '2031-01-01T00:00:00Z' WHERE tenant = 'acme'")
        _ = try tenant.sql.query("INSERT INTO actions (kind, due_at) VALUES ('review_debtor', '2030-06-01T09:00:00Z')")
        _ = try tenant.sql.query("INSERT INTO actions (kind, due_at) VALUES ('review_debtor', '2032-06-01T09:00:00Z')")
        _ = try c.query("INSERT INTO recouvre.due_hints (tenant, due_at) VALUES ('gone', now())")
        #expect(try queue.compactHints(c) == 3)
        #expect(try c.value("SELECT count(*) FROM recouvre.due_hints", as: Int.self) == 0)
        #expect(try c.value("SELECT next_due_at = '2030-06-01T09:00:00Z' FROM recouvre.due_work WHERE tenant = 'acme'",
                            as: Bool.self), "lowered to the earliest hint, never raised")
        #expect(try c.value("SELECT count(*) FROM recouvre.due_work WHERE tenant = 'gone'", as: Int.self) == 0)
    }

    @Test func hintsOfAPausedTenantDoNotMakeItDue() throws {
        let tenant = try database.tenant("acme")
        _ = try TenantRegistry().pause(c, slug: tenant.slug)
        try addDueActions(tenant.sql, count: 3)
        #expect(try queue.dueTenants(c).isEmpty)
        _ = try queue.compactHints(c)
        _ = try TenantRegistry().resume(c, slug: tenant.slug)
        #expect(try queue.dueTenants(c).map(\.slug) == [tenant.slug], "its work waited, folded into due_work")
    }

    @Test func theQueueSnapshotCountsDueWorkOfActiveTenantsFromTheOperatorSchemaAlone() throws {
        let tenant = try database.tenant("acme")
        let paused = try database.tenant("dormant")
        try addDueActions(tenant.sql, count: 3)
        try addDueActions(paused.sql, count: 2)
        try queue.refreshDueWork(c, slug: tenant.slug)
        try queue.refreshDueWork(c, slug: paused.slug)
        _ = try TenantRegistry().pause(c, slug: paused.slug)
        let snapshot = try QueueSnapshot.read(c)
        #expect(snapshot.tenantsDue == 1 && snapshot.actionsDue == 3, "\(snapshot)")
        #expect(snapshot.oldestDueAge >= 0 && snapshot.oldestDueAge < 3600)
        #expect(snapshot.activeTenants == 1 && snapshot.pausedTenants == 1)

        _ = try queue.claim(c, slug: tenant.slug, limit: 10)
        try queue.refreshDueWork(c, slug: tenant.slug)
        let drained = try QueueSnapshot.read(c)
        #expect(drained.actionsDue == 0 && drained.oldestDueAge == 0, "\(drained)")
    }

    @Test func refreshDueWorkCountsRunningLeases() throws {
        let tenant = try database.tenant("acme")
        try addDueActions(tenant.sql, count: 1)
        _ = try queue.claim(c, slug: tenant.slug, limit: 1)
        try queue.refreshDueWork(c, slug: tenant.slug)
        #expect(try c.value("""
            SELECT w.next_due_at = a.lease_expires_at FROM recouvre.due_work w, tenant_acme.actions a WHERE w.tenant = 'acme'
            """, as: Bool.self))
    }

    @Test func refreshDueWorkRecreatesAMissingEntry() throws {
        let tenant = try database.tenant("acme")
        try addDueActions(tenant.sql, count: 1)
        _ = try c.query("DELETE FROM recouvre.due_work")
        try queue.refreshDueWork(c, slug: tenant.slug)
        #expect(try queue.dueTenants(c).map(\.slug) == [tenant.slug])
    }
}
