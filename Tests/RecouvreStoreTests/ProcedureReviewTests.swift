import Foundation
import Postgres
import RecouvreStore
import Testing

/// `request_review` and the triggers that use it: whatever changes, a debtor has at most one
/// scheduled review, brought forward to now.
@Suite("Procedure: review requests")
final class ProcedureReviewTests {
    let database: StoreDatabase
    let sql: PostgresConnection
    let debtor: Int64

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
        debtor = try sql.insertDebtor(ref: "CLI-001")
    }

    @Test func aLaterReviewIsBroughtForwardNotDuplicated() throws {
        let later = try sql.value("""
            INSERT INTO actions (kind, debtor_id, due_at) VALUES ('review_debtor', $1, now() + interval '2 days') RETURNING id
            """, [debtor], as: Int64.self)
        #expect(try sql.value("SELECT request_review($1)", [debtor], as: Int64.self) == later)
        #expect(try sql.hasReviewDueNow(debtor: debtor))
        // Asking again never pushes it back.
        _ = try sql.query("UPDATE actions SET due_at = now() - interval '1 hour' WHERE id = $1", [later])
        #expect(try sql.value("SELECT request_review($1)", [debtor], as: Int64.self) == later)
        #expect(try sql.value("SELECT due_at < now() - interval '59 minutes' FROM actions WHERE id = $1", [later], as: Bool.self))
        let duplicate = #expect(throws: PostgresError.self) {
            try self.sql.query("INSERT INTO actions (kind, debtor_id) VALUES ('review_debtor', $1)", [self.debtor])
        }
        #expect(duplicate?.constraint == "actions_one_scheduled_review_per_debtor")
        expectProcedureError("22004", mentioning: ["debtor_id"]) { _ = try self.sql.query("SELECT request_review(NULL)") }
    }

    @Test func oneScheduledReviewRemainsAfterManyChanges() throws {
        let invoice = try sql.insertOverdueInvoice(debtor: debtor, number: "F-1", amount: "900.00", daysOverdue: 20)
        let other = try sql.insertOverdueInvoice(debtor: debtor, number: "F-2", amount: "100.00", daysOverdue: 2)
        _ = try sql.openCase(debtor: debtor)
        _ = try sql.insertPayment(debtor: debtor, amount: "10.00")
        _ = try sql.query("INSERT INTO payments (debtor_id, amount) VALUES ($1, 1), ($1, 2), ($1, 3)", [debtor])
        _ = try sql.query("SELECT grant_reduction($1, 20, 'gesture')", [invoice])
        _ = try sql.query("INSERT INTO reductions (invoice_id, amount, reason) VALUES ($1, 1, 'a'), ($1, 2, 'b')", [invoice])
        _ = try sql.query("SELECT record_promise($1, 100, local_today() + 3)", [debtor])
        let dispute = try sql.value("SELECT open_dispute($1, $2, 'contested')", [debtor, other], as: Int64.self)
        _ = try sql.query("SELECT resolve_dispute($1, 'cancel')", [dispute])
        _ = try sql.query("UPDATE debtors SET kind = 'consumer' WHERE id = $1", [debtor])
        _ = try sql.query("UPDATE debtors SET policy = 'business' WHERE id = $1", [debtor])
        _ = try sql.query("UPDATE policy_steps SET send_at = '10:00' WHERE policy = 'business'")
        _ = try sql.query("SELECT request_review($1)", [debtor])
        #expect(try sql.hasReviewDueNow(debtor: debtor))
        #expect(try sql.value("SELECT count(*) FROM actions WHERE kind = 'review_debtor'", as: Int.self) == 1)
    }

    @Test func aRunningReviewLetsTheNextChangeQueueAnother() throws {
        _ = try sql.query("SELECT request_review($1)", [debtor])
        _ = try sql.query("""
            UPDATE actions SET state = 'running', lease_owner = 'd1', lease_expires_at = now() + interval '1 minute'
            WHERE kind = 'review_debtor'
            """)
        _ = try sql.insertPayment(debtor: debtor, amount: "5.00")
        #expect(try sql.scheduledReviews(debtor: debtor) == 1)
        #expect(try sql.value("SELECT count(*) FROM actions WHERE kind = 'review_debtor'", as: Int.self) == 2)
    }

    @Test func aReviewPutBackInTheQueueMergesIntoTheScheduledOne() throws {
        let first = try sql.value("SELECT request_review($1)", [debtor], as: Int64.self)
        _ = try sql.query("""
            UPDATE actions SET state = 'running', lease_owner = 'd1', lease_expires_at = now() + interval '1 minute' WHERE id = $1
            """, [first])
        let second = try sql.value("SELECT request_review($1)", [debtor], as: Int64.self)
        _ = try sql.query("UPDATE actions SET due_at = now() + interval '1 hour' WHERE id = $1", [second])
        // A temporary failure reschedules the running one: it is merged, and the earlier moment kept.
        _ = try sql.query("""
            UPDATE actions SET state = 'scheduled', due_at = now() + interval '5 minutes', lease_owner = NULL, lease_expires_at = NULL
            WHERE id = $1
            """, [first])
        let merged = try #require(try sql.query("SELECT state, last_error FROM actions WHERE id = $1", [first]).first)
        #expect(try merged.decode(String.self, "state") == "cancelled")
        #expect(try merged.decode(String.self, "last_error").contains("merged into review \(second)"))
        #expect(try sql.value("SELECT due_at < now() + interval '6 minutes' FROM actions WHERE id = $1", [second], as: Bool.self))
        #expect(try sql.scheduledReviews(debtor: debtor) == 1)
    }

    @Test func aChangeOfKindOrPolicyAsksForAReviewOtherChangesDoNot() throws {
        _ = try sql.query("UPDATE debtors SET name = 'Renamed SARL', city = 'Lyon' WHERE id = $1", [debtor])
        #expect(try sql.scheduledReviews(debtor: debtor) == 0)
        _ = try sql.query("UPDATE debtors SET kind = 'business' WHERE id = $1", [debtor])
        #expect(try sql.scheduledReviews(debtor: debtor) == 0)
        _ = try sql.query("UPDATE debtors SET kind = 'consumer' WHERE id = $1", [debtor])
        #expect(try sql.hasReviewDueNow(debtor: debtor))
        _ = try sql.query("DELETE FROM actions")
        _ = try sql.query("UPDATE debtors SET policy = 'business' WHERE id = $1", [debtor])
        #expect(try sql.hasReviewDueNow(debtor: debtor))
    }

    @Test func aChangedPolicyReviewsEveryDebtorWithAnOpenCaseOnIt() throws {
        let consumer = try sql.insertDebtor(ref: "CLI-002")
        let closed = try sql.insertDebtor(ref: "CLI-003")
        let idle = try sql.insertDebtor(ref: "CLI-004")
        _ = try sql.openCase(debtor: debtor, policy: "business")
        _ = try sql.openCase(debtor: consumer, policy: "consumer")
        _ = try sql.query("""
            INSERT INTO cases (debtor_id, policy, state, closed_at, close_reason) VALUES ($1, 'business', 'closed', now(), 'paid')
            """, [closed])
        _ = try sql.query("DELETE FROM actions")

        _ = try sql.query("UPDATE policy_steps SET template = 'reminder_two' WHERE policy = 'business' AND position = 3")
        #expect(try sql.hasReviewDueNow(debtor: debtor))
        #expect(try sql.scheduledReviews(debtor: consumer) == 0)
        #expect(try sql.scheduledReviews(debtor: closed) == 0)
        #expect(try sql.scheduledReviews(debtor: idle) == 0)

        _ = try sql.query("INSERT INTO policy_steps (policy, position, offset_days, stage, channel, template) VALUES ('consumer', 9, 120, 'legal', 'letter', 'final')")
        #expect(try sql.hasReviewDueNow(debtor: consumer))
        _ = try sql.query("DELETE FROM actions")
        _ = try sql.query("DELETE FROM policy_steps WHERE policy = 'consumer' AND position = 9")
        #expect(try sql.hasReviewDueNow(debtor: consumer))
        _ = try sql.query("DELETE FROM actions")
        _ = try sql.query("UPDATE policies SET grace_days = 5 WHERE name = 'consumer'")
        #expect(try sql.hasReviewDueNow(debtor: consumer))
        #expect(try sql.scheduledReviews(debtor: debtor) == 0)
    }

    @Test func anIntegrationRoleQueuesReviewsWithoutAnyRightOnActions() throws {
        // An integration role that may write debtors, invoices and payments queues reviews through the triggers.
        let role = "integration_\(UUID().uuidString.prefix(8).lowercased())"
        try database.connection.execute("""
            CREATE ROLE \(role) LOGIN;
            GRANT USAGE ON SCHEMA tenant_acme TO \(role);
            GRANT SELECT, INSERT, UPDATE ON tenant_acme.debtors, tenant_acme.invoices, tenant_acme.payments TO \(role);
            """)
        defer { try? database.connection.execute("DROP OWNED BY \(role); DROP ROLE \(role)") }
        let c = try PostgresConnection(conninfo: database.conninfo + " user=\(role)")
        defer { c.close() }
        try c.execute("SET search_path = tenant_acme")
        _ = try c.query("INSERT INTO payments (debtor_id, amount) VALUES ($1, 10)", [debtor])
        _ = try c.query("UPDATE debtors SET kind = 'consumer' WHERE id = $1", [debtor])
        #expect(try sql.hasReviewDueNow(debtor: debtor))
    }
}
