import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import Testing

@Suite("Action store: ops retry and cancel, exactly-once reminders")
final class ActionStoreTests {
    let database: StoreDatabase
    let sql: PostgresConnection
    let store: ActionStore
    let debtor: Int64
    let invoice: Int64

    init() throws {
        database = try StoreDatabase()
        let tenant = try database.tenant("acme")
        sql = tenant.sql
        store = ActionStore(slug: tenant.slug)
        debtor = try sql.insertDebtor(ref: "CLI-001")
        invoice = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "100.00")
    }

    /// A courtesy reminder action in `state`, as the daemon would have left it.
    private func reminder(state: String, attempts: Int = 0, step: Int = 1) throws -> Int64 {
        try sql.value("""
            INSERT INTO actions (kind, channel, state, debtor_id, invoice_id, step, attempts, last_error, finished_at,
                                 lease_owner, lease_expires_at)
            VALUES ('courtesy', 'email', $1, $2, $3, $4, $5,
                    CASE WHEN $1 IN ('dead', 'failed') THEN '421 try again later' END,
                    CASE WHEN $1 IN ('dead', 'failed', 'succeeded', 'cancelled') THEN now() END,
                    CASE WHEN $1 = 'running' THEN 'd1' END,
                    CASE WHEN $1 = 'running' THEN now() + interval '5 minutes' END)
            RETURNING id
            """, [state, debtor, invoice, step, attempts])
    }

    private func events(kind: String, action: Int64) throws -> [PostgresRow] {
        try sql.query("SELECT * FROM events WHERE kind = $1 AND action_id = $2", [kind, action]).rows
    }

    @Test func retryingADeadActionSchedulesItAfresh() throws {
        let dead = try reminder(state: "dead", attempts: 5)
        let retried = try #require(try store.retry(sql, id: dead, actor: "ops:alice"))
        #expect(retried.state == "scheduled")
        #expect(retried.attempts == 0)
        #expect(retried.dueAt <= Date())
        #expect(try sql.isNull(column: "finished_at", action: dead))

        let event = try #require(try events(kind: "action_retried", action: dead).first)
        #expect(try event.decode(Int64.self, "debtor_id") == debtor)
        #expect(try event.decode(Int64.self, "invoice_id") == invoice)
        let detail = try event.decode(PostgresJSON.self, "detail").decode([String: String].self)
        #expect(detail == ["by": "ops:alice", "previous_state": "dead"])
    }

    @Test(arguments: ["scheduled", "running", "succeeded", "cancelled"])
    func retryingALiveOrDoneActionIsRefused(state: String) throws {
        let action = try reminder(state: state)
        let error = try #require(throws: ActionStateError.self) { try self.store.retry(self.sql, id: action, actor: "ops") }
        #expect(error.id == action)
        #expect(error.state == state)
        #expect(error.description.contains("only failed or dead"))
        #expect(try sql.value("SELECT state FROM actions WHERE id = $1", [action], as: String.self) == state)
        #expect(try events(kind: "action_retried", action: action).isEmpty)
    }

    @Test func unknownActionIsNil() throws {
        #expect(try store.retry(sql, id: 987_654, actor: "ops") == nil)
        #expect(try store.cancel(sql, id: 987_654, actor: "ops") == nil)
        #expect(try store.get(sql, id: 987_654) == nil)
    }

    @Test func cancellingAScheduledActionEndsIt() throws {
        let scheduled = try reminder(state: "scheduled")
        let cancelled = try #require(try store.cancel(sql, id: scheduled, actor: "ops:bob"))
        #expect(cancelled.state == "cancelled")
        #expect(cancelled.lastError == "cancelled by ops:bob")
        #expect(!(try sql.isNull(column: "finished_at", action: scheduled)))
        let event = try #require(try events(kind: "action_cancelled", action: scheduled).first)
        #expect(try event.decode(PostgresJSON.self, "detail").decode([String: String].self) == ["by": "ops:bob"])
        // A cancelled action stays cancelled: its step may already be planned again.
        #expect(throws: ActionStateError.self) { try self.store.retry(self.sql, id: scheduled, actor: "ops:bob") }
    }

    @Test(arguments: ["running", "succeeded", "dead", "cancelled"])
    func cancellingAnActionThatIsNotWaitingIsRefused(state: String) throws {
        let action = try reminder(state: state)
        let error = try #require(throws: ActionStateError.self) { try self.store.cancel(self.sql, id: action, actor: "ops") }
        #expect(error.state == state)
        #expect(try sql.value("SELECT state FROM actions WHERE id = $1", [action], as: String.self) == state)
    }

    private func step(_ position: Int, at seconds: TimeInterval) -> PlannedWork {
        PlannedWork(key: .step(position: position), stage: .reminder, channel: .email, template: "reminder\(position)",
                    dueAt: Date(timeIntervalSince1970: seconds), requiresApproval: false, invoiceIds: [invoice])
    }

    private func openCase() throws -> Int64 {
        try sql.value("INSERT INTO cases (debtor_id, policy) VALUES ($1, 'business') RETURNING id", [debtor])
    }

    @Test func aCaseStepIsScheduledOnlyOnce() throws {
        let work = WorkStore(slug: store.slug)
        let caseID = try openCase()
        let first = try #require(try work.schedule(sql, debtorID: debtor, caseID: caseID, work: step(2, at: 1_900_000_000)))
        #expect(try work.schedule(sql, debtorID: debtor, caseID: caseID, work: step(2, at: 1_900_000_000)) == nil)
        #expect(try work.schedule(sql, debtorID: debtor, caseID: caseID, work: step(2, at: 1_900_086_400)) == nil)
        #expect(try sql.value("SELECT count(*) FROM actions WHERE kind = 'step'", as: Int.self) == 1)

        let stored = try #require(try store.get(sql, id: first))
        #expect(stored.kind == "step")
        #expect(stored.channel == "email")
        #expect(stored.step == 2)
        #expect(stored.dueAt == Date(timeIntervalSince1970: 1_900_000_000))
        #expect(try work.pending(sql, debtorID: debtor).map(\.key) == [.step(position: 2)])

        // The next step is another intent.
        #expect(try work.schedule(sql, debtorID: debtor, caseID: caseID, work: step(3, at: 1_901_000_000)) != nil)
        // Once cancelled, a step may be planned again (e.g. after a dispute was resolved).
        _ = try store.cancel(sql, id: first, actor: "ops")
        #expect(try work.schedule(sql, debtorID: debtor, caseID: caseID, work: step(2, at: 1_900_000_000)) != nil)
    }

    @Test func schedulingRacingOnFourConnectionsCreatesOneAction() throws {
        let conninfo = database.conninfo
        let slug = store.slug
        let debtorID = debtor
        let caseID = try openCase()
        let planned = step(2, at: 1_900_000_000)
        let results = inParallel(4) { _ -> Int64? in
            let connection = try PostgresConnection(conninfo: conninfo, applicationName: "recouvre-store-tests")
            defer { connection.close() }
            return try WorkStore(slug: slug).schedule(connection, debtorID: debtorID, caseID: caseID, work: planned)
        }
        let ids = try results.map { try $0.get() }
        #expect(ids.compactMap { $0 }.count == 1)
        #expect(try sql.value("SELECT count(*) FROM actions WHERE kind = 'step'", as: Int.self) == 1)
    }

    @Test func listFiltersByStateNewestFirst() throws {
        let dead = try reminder(state: "dead", step: 1)
        let scheduled = try reminder(state: "scheduled", step: 2)
        #expect(try store.list(sql, state: "dead", limit: 10).map(\.id) == [dead])
        let all = try store.list(sql, state: nil, limit: 10).map(\.id)
        #expect(all.first == scheduled)
        #expect(all.count == 3)  // with the invoice's plan_invoice action
        #expect(try store.list(sql, state: nil, limit: 1).count == 1)
    }
}

extension PostgresConnection {
    /// Whether an action's column is NULL.
    fileprivate func isNull(column: String, action: Int64) throws -> Bool {
        try value("SELECT \(column) IS NULL FROM actions WHERE id = $1", [action])
    }
}
