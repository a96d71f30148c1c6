import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import Testing

/// The operator views (`recouvre.tenant_activity`, `tenant_volumes`, `tenant_lag`): figures
/// after the writes a daemon and an integration make, and plans that read the operator schema
/// only, whatever the number of tenants.
@Suite("Operator views: activity, volumes and lag per tenant")
final class OperatorViewsTests {
    let database: StoreDatabase
    let queue = WorkQueue(owner: "host-a:101:test", lease: .seconds(120))

    init() throws {
        database = try StoreDatabase()
    }

    private var c: PostgresConnection { database.connection }

    private func row(_ view: String, _ tenant: String) throws -> PostgresRow {
        try #require(try c.query("SELECT * FROM recouvre.\(view) WHERE tenant = $1", [tenant]).first)
    }

    @Test func activityCountsEachOutcomeOnceAsTheDaemonRecordsIt() throws {
        let acme = try database.tenant("acme")
        _ = try database.tenant("beta")
        _ = try acme.sql.query("""
            INSERT INTO actions (kind, due_at) SELECT 'review_debtor', now() - interval '1 minute'
            FROM generate_series(1, 6)
            """)
        let claimed = try queue.claim(c, slug: acme.slug, limit: 10)
        #expect(claimed.count == 6)
        let store = ActionStore(slug: acme.slug)
        let ids = claimed.map(\.id)
        try c.transaction { c in
            try store.succeed(c, id: ids[0], outcome: try PostgresJSON(encoding: ["ok": "1"]))
            try store.succeed(c, id: ids[1], outcome: try PostgresJSON(encoding: ["ok": "2"]))
        }
        try store.finish(c, id: ids[2], state: "failed", reason: "refused by the relay")
        try store.finish(c, id: ids[3], state: "dead", reason: "out of attempts")
        try store.reschedule(c, id: ids[4], at: Date().addingTimeInterval(600), error: "relay timed out")
        // A postponement (no error) and a cancellation are not outcomes.
        try store.reschedule(c, id: ids[5], at: Date().addingTimeInterval(600), error: nil)
        _ = try store.cancel(c, id: ids[5], actor: "ops")
        // Writing the same state again is no change.
        _ = try c.query("UPDATE tenant_acme.actions SET updated_at = now() WHERE id = $1", [ids[0]])

        let acmeRow = try row("tenant_activity", "acme")
        #expect(try acmeRow.decode(Int.self, "succeeded_today") == 2)
        #expect(try acmeRow.decode(Int.self, "failed_today") == 1)
        #expect(try acmeRow.decode(Int.self, "dead_today") == 1)
        #expect(try acmeRow.decode(Int.self, "retried_today") == 1)
        #expect(try acmeRow.decode(Int.self, "succeeded_7d") == 2)
        let finished = try c.value("SELECT max(finished_at) FROM tenant_acme.actions WHERE state = 'succeeded'", as: Date.self)
        #expect(try acmeRow.decode(Date.self, "last_success_at") == finished)
        #expect(try acmeRow.decodeIfPresent(Date.self, "last_failure_at") != nil)

        let betaRow = try row("tenant_activity", "beta")
        #expect(try betaRow.decode(Int.self, "succeeded_7d") == 0)
        #expect(try betaRow.decodeIfPresent(Date.self, "last_success_at") == nil)
    }

    @Test func sevenDaysAddUpEarlierDaysAndTodayOnlyToday() throws {
        _ = try database.tenant("acme")
        _ = try c.query("""
            INSERT INTO recouvre.tenant_activity_days (tenant, day, slot, succeeded, failed)
            VALUES ('acme', (now() AT TIME ZONE 'UTC')::date - 3, 0, 5, 1),
                   ('acme', (now() AT TIME ZONE 'UTC')::date - 3, 2, 2, 0),
                   ('acme', (now() AT TIME ZONE 'UTC')::date - 7, 0, 100, 100),
                   ('acme', (now() AT TIME ZONE 'UTC')::date, 1, 4, 0)
            """)
        let r = try row("tenant_activity", "acme")
        #expect(try r.decode(Int.self, "succeeded_today") == 4)
        #expect(try r.decode(Int.self, "succeeded_7d") == 11)
        #expect(try r.decode(Int.self, "failed_7d") == 1)
    }

    @Test func volumesFollowInsertsDeletesAndCases() throws {
        let acme = try database.tenant("acme")
        let d1 = try acme.sql.insertDebtor(ref: "D1")
        let d2 = try acme.sql.insertDebtor(ref: "D2")
        _ = try acme.sql.query("""
            INSERT INTO invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT $1, 'F-' || n, '2024-01-01', '2024-01-31', 10 FROM generate_series(1, 3) n
            """, [d1])
        let invoice = try acme.sql.insertInvoice(debtor: d2, number: "G-1", amount: "5.00")
        _ = try acme.sql.insertPayment(debtor: d2, invoice: invoice, amount: "5.00")
        let payment = try acme.sql.insertPayment(debtor: d1, amount: "1.00")
        _ = try acme.sql.query("DELETE FROM payments WHERE id = $1", [payment])
        _ = try acme.sql.query("INSERT INTO cases (debtor_id, policy) VALUES ($1, 'business'), ($2, 'business')", [d1, d2])
        _ = try acme.sql.query("UPDATE cases SET position = 1")
        _ = try acme.sql.query("""
            UPDATE cases SET state = 'closed', closed_at = now(), close_reason = 'paid' WHERE debtor_id = $1
            """, [d2])
        // Another session writes another slot, perhaps: the view adds them up.
        let other = try database.connect()
        defer { other.close() }
        _ = try other.query("INSERT INTO tenant_acme.debtors (external_ref, name) VALUES ('D3', 'Third')")

        let r = try row("tenant_volumes", "acme")
        #expect(try r.decode(Int.self, "debtors") == 3)
        #expect(try r.decode(Int.self, "invoices") == 4)
        #expect(try r.decode(Int.self, "payments") == 1)
        #expect(try r.decode(Int.self, "open_cases") == 1)
        // The counters agree with the tables they count.
        #expect(try r.decode(Int.self, "invoices") == (try acme.sql.count("invoices")))
        #expect(try r.decode(Int.self, "open_cases") == (try acme.sql.value("SELECT count(*) FROM cases WHERE state = 'open'", as: Int.self)))
    }

    @Test func lagComesFromTheSchedulersDueWork() throws {
        let acme = try database.tenant("acme")
        _ = try database.tenant("idle")
        _ = try acme.sql.query("""
            INSERT INTO actions (kind, due_at) SELECT 'review_debtor', now() - interval '10 minutes'
            FROM generate_series(1, 3)
            """)
        try queue.refreshDueWork(c, slug: acme.slug)
        let r = try row("tenant_lag", "acme")
        #expect(try r.decode(Bool.self, "due_now"))
        #expect(try r.decode(Int.self, "due_actions") == 3)
        #expect(try #require(Decimal(string: try r.decode(String.self, "lag_seconds"))) >= 600)
        #expect(try r.decode(Date.self, "oldest_due_at") <= Date().addingTimeInterval(-600))
        let idle = try row("tenant_lag", "idle")
        #expect(try idle.decode(Int.self, "due_actions") == 0)
        #expect(try idle.decodeIfPresent(Date.self, "oldest_due_at") == nil)
    }

    /// With 2,000 tenants registered, the views' plans read tables of the operator schema
    /// only: no tenant schema is visited, so their cost follows the counters, not the schemas.
    @Test func thePlansReadTheOperatorSchemaOnly() throws {
        _ = try database.tenant("acme")
        _ = try c.query("""
            INSERT INTO recouvre.tenants (slug, display_name, status)
            SELECT 'bulk_' || n, 'Bulk ' || n, 'active' FROM generate_series(1, 2000) n;
            """)
        _ = try c.query("""
            INSERT INTO recouvre.tenant_activity_days (tenant, day, slot, succeeded)
            SELECT 'bulk_' || n, (now() AT TIME ZONE 'UTC')::date - d, 0, 1
            FROM generate_series(1, 2000) n, generate_series(0, 30) d
            """)
        _ = try c.query("INSERT INTO recouvre.tenant_volume_counts (tenant, slot, debtors) SELECT 'bulk_' || n, 0, n FROM generate_series(1, 2000) n")
        _ = try c.query("INSERT INTO recouvre.due_work (tenant) SELECT 'bulk_' || n FROM generate_series(1, 2000) n")
        try c.execute("ANALYZE recouvre.tenants, recouvre.tenant_activity_days, recouvre.tenant_volume_counts, recouvre.due_work")
        for view in ["tenant_activity", "tenant_volumes", "tenant_lag"] {
            let plan = try c.value("EXPLAIN (VERBOSE, FORMAT JSON) SELECT * FROM recouvre.\(view)", as: String.self)
            let json = try JSONSerialization.jsonObject(with: Data(plan.utf8))
            var schemas: Set<String> = []
            var relations: Set<String> = []
            collect(json, schemas: &schemas, relations: &relations)
            #expect(schemas == ["recouvre"], "\(view) reads \(schemas)")
            #expect(relations.isSubset(of: ["tenants", "tenant_activity_days", "tenant_volume_counts", "due_work"]),
                    "\(view) reads \(relations)")
            #expect(try c.count("recouvre.\(view)") == 2001)
        }
    }

    private func collect(_ node: Any, schemas: inout Set<String>, relations: inout Set<String>) {
        if let object = node as? [String: Any] {
            if let schema = object["Schema"] as? String { schemas.insert(schema) }
            if let relation = object["Relation Name"] as? String { relations.insert(relation) }
            for value in object.values { collect(value, schemas: &schemas, relations: &relations) }
        } else if let array = node as? [Any] {
            for value in array { collect(value, schemas: &schemas, relations: &relations) }
        }
    }
}
