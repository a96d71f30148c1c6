import Foundation
import Postgres
import RecouvreStore
import Testing

/// Collectors' tasks: `record_call_outcome`, `decide_approval`, `complete_task`, and the step
/// actions they act on.
@Suite("Procedure: tasks and approvals")
final class ProcedureTaskTests {
    let database: StoreDatabase
    let sql: PostgresConnection
    let debtor: Int64
    let caseID: Int64

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
        debtor = try sql.insertDebtor(ref: "CLI-001")
        _ = try sql.insertOverdueInvoice(debtor: debtor, number: "F-1", amount: "8000.00", daysOverdue: 50)
        caseID = try sql.openCase(debtor: debtor)
        _ = try sql.query("UPDATE cases SET position = 5, stage = 'formal_notice' WHERE id = $1", [caseID])
    }

    private func task(_ kind: String, action: Int64? = nil) throws -> Int64 {
        try sql.value("INSERT INTO tasks (debtor_id, case_id, action_id, kind, title) VALUES ($1, $2, $3, $4, 'Do it') RETURNING id",
                      [debtor, caseID, action, kind])
    }

    /// A step action held for approval, as the daemon leaves it.
    private func heldStep(position: Int = 7) throws -> Int64 {
        try sql.value("""
            INSERT INTO actions (kind, channel, state, debtor_id, case_id, step, stage, template, due_at)
            VALUES ('step', 'task', 'held', $1, $2, $3, 'agency', 'agency_handoff', now() - interval '1 hour') RETURNING id
            """, [debtor, caseID, position])
    }

    private func taskRow(_ id: Int64) throws -> (state: String, by: String?, outcome: String?) {
        let row = try #require(try sql.query("SELECT state, completed_by, outcome::text AS outcome FROM tasks WHERE id = $1", [id]).first)
        return (try row.decode(String.self, "state"), try row.decodeIfPresent(String.self, "completed_by"),
                try row.decodeIfPresent(String.self, "outcome"))
    }

    @Test func anEscalatingCallExpeditesTheCase() throws {
        let id = try task("call")
        _ = try sql.query("SELECT record_call_outcome($1, true, 'cash_flow', 'escalate', 'will not pay before March', 'frank')", [id])
        let closed = try taskRow(id)
        #expect(closed.state == "done")
        #expect(closed.by == "frank")
        #expect(try sql.value("SELECT outcome->>'reason' || ' ' || (outcome->>'reached') || ' ' || (outcome->>'next_step') FROM tasks WHERE id = $1",
                              [id], as: String.self) == "cash_flow true escalate")
        #expect(try sql.value("SELECT expedite FROM cases WHERE id = $1", [caseID], as: Bool.self))
        let event = try #require(try sql.latestEvent("call_outcome", debtor: debtor))
        #expect(event.actor == "frank")
        #expect(event.detail["task_id"] == "\(id)")
        #expect(event.detail["expedited"] == "true")
        #expect(try sql.hasReviewDueNow(debtor: debtor))
    }

    @Test func aContinuingCallLeavesThePace() throws {
        let id = try task("call")
        _ = try sql.query("SELECT record_call_outcome($1, false, 'unreachable')", [id])
        #expect(try taskRow(id).state == "done")
        #expect(try !sql.value("SELECT expedite FROM cases WHERE id = $1", [caseID], as: Bool.self))
    }

    @Test func callOutcomesAreValidated() throws {
        let call = try task("call")
        let approval = try task("approval", action: try heldStep())
        expectProcedureError("22023", mentioning: ["reason \"busy\""], hint: "cash_flow") {
            _ = try self.sql.query("SELECT record_call_outcome($1, true, 'busy')", [call])
        }
        expectProcedureError("22023", mentioning: ["next_step \"sue\"", "continue or escalate"]) {
            _ = try self.sql.query("SELECT record_call_outcome($1, true, 'other', 'sue')", [call])
        }
        expectProcedureError("22004", mentioning: ["reached"]) {
            _ = try self.sql.query("SELECT record_call_outcome($1, NULL, 'other')", [call])
        }
        expectProcedureError("42809", mentioning: ["task \(approval) is of kind approval, not call"], hint: "decide_approval") {
            _ = try self.sql.query("SELECT record_call_outcome($1, true, 'other')", [approval])
        }
        expectProcedureError("P0002", mentioning: ["task 999999 does not exist"]) {
            _ = try self.sql.query("SELECT record_call_outcome(999999, true, 'other')")
        }
        #expect(try taskRow(call).state == "open")
        _ = try sql.query("SELECT record_call_outcome($1, true, 'oversight')", [call])
        expectProcedureError("55000", mentioning: ["task \(call) is already done"]) {
            _ = try self.sql.query("SELECT record_call_outcome($1, true, 'other')", [call])
        }
    }

    @Test func approvingAHeldStepSchedulesItNow() throws {
        let action = try heldStep()
        let id = try task("approval", action: action)
        _ = try sql.query("SELECT decide_approval($1, true, 'go ahead', 'grace')", [id])
        let row = try #require(try sql.query("""
            SELECT state, due_at <= now() AS due, approved_by, approved_at IS NOT NULL AS approved FROM actions WHERE id = $1
            """, [action]).first)
        #expect(try row.decode(String.self, "state") == "scheduled")
        #expect(try row.decode(Bool.self, "due"))
        #expect(try row.decode(String.self, "approved_by") == "grace")
        #expect(try row.decode(Bool.self, "approved"))
        #expect(try taskRow(id).state == "done")
        let event = try #require(try sql.latestEvent("step_approved", debtor: debtor))
        #expect(event.actor == "grace")
        #expect(event.detail["position"] == "7")
        #expect(try sql.value("SELECT position FROM cases WHERE id = $1", [caseID], as: Int.self) == 5)
    }

    @Test func refusingAHeldStepSkipsIt() throws {
        let action = try heldStep()
        let id = try task("approval", action: action)
        _ = try sql.query("SELECT decide_approval($1, false, 'too early', 'grace')", [id])
        #expect(try sql.value("SELECT state FROM actions WHERE id = $1", [action], as: String.self) == "cancelled")
        #expect(try sql.value("SELECT position FROM cases WHERE id = $1", [caseID], as: Int.self) == 7)
        #expect(try sql.latestEvent("step_skipped", debtor: debtor)?.detail["note"] == "too early")
        #expect(try taskRow(id).outcome?.contains("\"approved\": false") == true)
        #expect(try sql.hasReviewDueNow(debtor: debtor))
    }

    @Test func onlyAHeldStepCanBeDecided() throws {
        let action = try heldStep()
        let id = try task("approval", action: action)
        _ = try sql.query("UPDATE actions SET state = 'cancelled' WHERE id = $1", [action])
        expectProcedureError("55000", mentioning: ["no longer waiting for approval", "cancelled"]) {
            _ = try self.sql.query("SELECT decide_approval($1, true)", [id])
        }
        expectProcedureError("22004", mentioning: ["approved"]) {
            _ = try self.sql.query("SELECT decide_approval($1, NULL)", [id])
        }
        #expect(try taskRow(id).state == "open")
    }

    @Test func otherTasksAreCompleted() throws {
        let id = try task("agency_handoff")
        _ = try sql.query("SELECT complete_task($1, 'sent to Agence X', 'henri')", [id])
        let done = try taskRow(id)
        #expect(done.state == "done")
        #expect(done.by == "henri")
        let event = try #require(try sql.latestEvent("task_completed", debtor: debtor))
        #expect(event.detail["task_kind"] == "agency_handoff")
        expectProcedureError("42809", mentioning: ["is of kind call"], hint: "record_call_outcome") {
            _ = try self.sql.query("SELECT complete_task($1)", [try self.task("call")])
        }
    }

    @Test func theActionsTableTakesTheProcedureWork() throws {
        _ = try sql.query("""
            INSERT INTO actions (kind, channel, debtor_id, case_id, step, stage, template) VALUES ('step', 'letter', $1, $2, 5, 'formal_notice', 'formal_notice')
            """, [debtor, caseID])
        let duplicate = #expect(throws: PostgresError.self) {
            try self.sql.query("INSERT INTO actions (kind, channel, debtor_id, case_id, step) VALUES ('step', 'letter', $1, $2, 5)", [self.debtor, self.caseID])
        }
        #expect(duplicate?.constraint == "actions_one_step_per_case")
        for (statement, constraint) in [
            ("INSERT INTO actions (kind, debtor_id) VALUES ('step', \(debtor))", "action_step_names_its_case"),
            ("INSERT INTO actions (kind, debtor_id) VALUES ('courtesy', \(debtor))", "action_courtesy_names_its_invoice"),
            ("INSERT INTO actions (kind, debtor_id) VALUES ('instalment_reminder', \(debtor))", "action_instalment_reminder_names_its_instalment"),
            ("INSERT INTO actions (kind, state) VALUES ('review_debtor', 'held')", "action_held_only_for_steps"),
            ("INSERT INTO actions (kind, channel) VALUES ('review_debtor', 'pigeon')", "action_channel_known"),
        ] {
            let error = #expect(throws: PostgresError.self) { try self.sql.query(statement) }
            #expect(error?.constraint == constraint, "\(statement)")
        }
    }
}
