import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import Testing

@Suite("Tenant triggers: planning, journal, due work, wake-ups")
final class TriggerTests {
    let database: StoreDatabase
    let sql: PostgresConnection
    let debtor: Int64

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
        debtor = try sql.insertDebtor(ref: "CLI-001")
    }

    @Test func invoiceSchedulesAReviewOfItsDebtorAndIsJournaled() throws {
        let invoice = try sql.insertInvoice(debtor: debtor, number: "F-2024-001", amount: "1250.40", dueOn: "2024-02-15")
        let actions = try sql.query("SELECT kind, state, debtor_id, invoice_id, due_at <= now() AS due FROM actions").rows
        #expect(actions.count == 1)
        let action = try #require(actions.first)
        #expect(try action.decode(String.self, "kind") == "review_debtor")
        #expect(try action.decode(String.self, "state") == "scheduled")
        #expect(try action.decode(Int64.self, "debtor_id") == debtor)
        #expect(try action.decodeIfPresent(Int64.self, "invoice_id") == nil, "the review is of the debtor, not one invoice")
        #expect(try action.decode(Bool.self, "due"))

        let event = try #require(try sql.query("""
            SELECT kind, debtor_id, invoice_id, detail->>'number' AS number, detail->>'amount' AS amount,
                   detail->>'currency' AS currency, detail->>'due_on' AS due_on
            FROM events
            """).first)
        #expect(try event.decode(String.self, "kind") == "invoice_recorded")
        #expect(try event.decode(Int64.self, "debtor_id") == debtor)
        #expect(try event.decode(Int64.self, "invoice_id") == invoice)
        #expect(try event.decode(String.self, "number") == "F-2024-001")
        #expect(try event.decode(String.self, "amount") == "1250.40")
        #expect(try event.decode(String.self, "currency") == "EUR")
        #expect(try event.decode(String.self, "due_on") == "2024-02-15")
    }

    @Test func multiRowInvoiceInsertJournalsEachInvoiceAndReviewsTheDebtorOnce() throws {
        _ = try sql.query("""
            INSERT INTO invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT $1, 'F-' || n, date '2024-01-01', date '2024-01-31', n * 10 FROM generate_series(1, 5) AS n
            """, [debtor])
        #expect(try sql.value("SELECT count(*) FROM actions WHERE kind = 'review_debtor' AND debtor_id = $1", [debtor], as: Int.self) == 1)
        #expect(try sql.value("SELECT count(*) FROM events WHERE kind = 'invoice_recorded'", as: Int.self) == 5)
    }

    @Test func invoiceLeavesAHintThatMakesTheTenantDue() throws {
        _ = try database.connection.query(
            "UPDATE recouvre.due_work SET next_due_at = now() + interval '1 day' WHERE tenant = 'acme'")
        #expect(try WorkQueue(owner: "t").dueTenants(database.connection).isEmpty)
        _ = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "10.00")
        #expect(try database.connection.value("""
            SELECT due_at = (SELECT min(due_at) FROM tenant_acme.actions) FROM recouvre.due_hints WHERE tenant = 'acme'
            """, as: Bool.self))
        #expect(try WorkQueue(owner: "t").dueTenants(database.connection).map(\.slug.rawValue) == ["acme"])
        // The operator-schema row itself is left to the scheduler.
        #expect(try database.connection.value(
            "SELECT next_due_at > now() FROM recouvre.due_work WHERE tenant = 'acme'", as: Bool.self))
    }

    @Test func laterWorkDoesNotMakeTheTenantDue() throws {
        _ = try database.connection.query("DELETE FROM recouvre.due_hints")
        _ = try database.connection.query(
            "UPDATE recouvre.due_work SET next_due_at = now() + interval '1 hour' WHERE tenant = 'acme'")
        _ = try sql.query("INSERT INTO actions (kind, due_at) VALUES ('review_debtor', now() + interval '3 days')")
        #expect(try WorkQueue(owner: "t").dueTenants(database.connection).isEmpty)
    }

    @Test func aTransactionHoldingAHintBlocksNoOtherWriter() throws {
        // An integration's open transaction that scheduled work (through a trigger)...
        let integration = try database.connect()
        defer { integration.close() }
        try integration.execute("BEGIN")
        _ = try integration.query("INSERT INTO tenant_acme.invoices (debtor_id, number, issued_on, due_on, amount) VALUES ($1, 'F-9', '2024-01-01', '2024-01-31', 5)", [debtor])
        // ...does not stop another from scheduling work, nor the scheduler from refreshing.
        let other = try database.connect()
        defer { other.close() }
        _ = try other.query("SET lock_timeout = '2s'")
        _ = try other.query("INSERT INTO tenant_acme.actions (kind, due_at) VALUES ('review_debtor', now())")
        _ = try other.query("SET lock_timeout = '2s'")
        try WorkQueue(owner: "t").refreshDueWork(other, slug: try TenantSlug("acme"))
        try integration.execute("COMMIT")
        // The integration's hint survived the refresh: its work is still found.
        #expect(try WorkQueue(owner: "t").dueTenants(database.connection).map(\.slug.rawValue) == ["acme"])
    }

    @Test func dueDateChangeAsksForAReviewAndIsJournaled() throws {
        let invoice = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "10.00", dueOn: "2024-01-31")
        // The daemon took the first review: the change asks for another.
        _ = try sql.query("UPDATE actions SET state = 'succeeded', finished_at = now() WHERE kind = 'review_debtor'")
        _ = try sql.query("UPDATE invoices SET due_on = '2024-02-29' WHERE id = $1", [invoice])
        #expect(try sql.value("SELECT count(*) FROM actions WHERE kind = 'review_debtor' AND state = 'scheduled' AND debtor_id = $1",
                              [debtor], as: Int.self) == 1)
        let change = try #require(try sql.query("""
            SELECT detail->>'from' AS "from", detail->>'to' AS "to" FROM events WHERE kind = 'invoice_due_date_changed'
            """).first)
        #expect(try change.decode(String.self, "from") == "2024-01-31")
        #expect(try change.decode(String.self, "to") == "2024-02-29")
        // Changing something else does not replan.
        _ = try sql.query("UPDATE invoices SET amount = 12 WHERE id = $1", [invoice])
        #expect(try sql.count("actions") == 2)
    }

    @Test func paymentIsJournaledAndSchedulesADebtorReview() throws {
        let invoice = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "100.00")
        let payment = try sql.value("""
            INSERT INTO payments (debtor_id, invoice_id, amount, received_on, reference)
            VALUES ($1, $2, 60.00, '2024-02-03', 'VIR-778') RETURNING id
            """, [debtor, invoice], as: Int64.self)
        let event = try #require(try sql.query("""
            SELECT debtor_id, invoice_id, (detail->>'payment_id')::bigint AS payment_id, detail->>'amount' AS amount,
                   detail->>'received_on' AS received_on, detail->>'reference' AS reference
            FROM events WHERE kind = 'payment_received'
            """).first)
        #expect(try event.decode(Int64.self, "debtor_id") == debtor)
        #expect(try event.decode(Int64.self, "invoice_id") == invoice)
        #expect(try event.decode(Int64.self, "payment_id") == payment)
        #expect(try event.decode(String.self, "amount") == "60.00")
        #expect(try event.decode(String.self, "received_on") == "2024-02-03")
        #expect(try event.decode(String.self, "reference") == "VIR-778")
        #expect(try sql.value("""
            SELECT count(*) FROM actions WHERE kind = 'review_debtor' AND debtor_id = $1 AND state = 'scheduled'
            """, [debtor], as: Int.self) == 1)
    }

    @Test func severalPaymentsOfOneDebtorInOneStatementScheduleOneReview() throws {
        _ = try sql.query("INSERT INTO payments (debtor_id, amount) VALUES ($1, 10), ($1, 20), ($1, 30)", [debtor])
        #expect(try sql.value("SELECT count(*) FROM events WHERE kind = 'payment_received'", as: Int.self) == 3)
        #expect(try sql.value("SELECT count(*) FROM actions WHERE kind = 'review_debtor'", as: Int.self) == 1)
    }

    @Test func listenersAreWokenWithTheSlugWhenAnInvoiceArrives() throws {
        let listener = try database.connect()
        try listener.listen("recouvre_due")
        _ = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "10.00")

        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(10))
        var received: [PostgresNotification] = []
        while !received.contains(where: { $0.payload == "acme" }), clock.now < deadline {
            received += try listener.waitForNotifications(timeout: clock.now.duration(to: deadline))
        }
        let wake = try #require(received.first { $0.payload == "acme" })
        #expect(wake.channel == "recouvre_due")
        #expect(wake.backendPID == sql.backendPID)
    }

    @Test func nothingIsNotifiedForWorkDueLater() throws {
        let listener = try database.connect()
        try listener.listen("recouvre_due")
        _ = try sql.query("INSERT INTO actions (kind, due_at) VALUES ('review_debtor', now() + interval '1 day')")
        // A marker sent afterwards on the same channel: once it arrives, anything the insert
        // sent would have arrived before it (notifications are delivered in commit order).
        try sql.notify("recouvre_due", payload: "marker")
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(10))
        var received: [PostgresNotification] = []
        while !received.contains(where: { $0.payload == "marker" }), clock.now < deadline {
            received += try listener.waitForNotifications(timeout: clock.now.duration(to: deadline))
        }
        #expect(received.map(\.payload) == ["marker"])
    }
}
