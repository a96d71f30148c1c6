import Foundation
import Postgres
import RecouvreCore

/// The collectors' tasks a case's steps opened, as the planner sees them, and what a review
/// does when one is left undone past its deadline. Runs inside the caller's transaction, after
/// the debtor's row was locked.
public struct TaskDeadlineStore: Sendable {
    public let slug: TenantSlug
    private var schema: String { slug.quotedSchema }

    public init(slug: TenantSlug) { self.slug = slug }

    /// The open tasks of the debtor's case, with the position of the step that opened each.
    /// Approval tasks are not included: they hold a step, they are not one. Read on every review
    /// and step, so found through the debtor (`tasks_debtor`), not by scanning the tasks.
    public func openTasks(_ c: PostgresConnection, debtorID: Int64, caseID: Int64) throws -> [OpenTask] {
        try c.query("""
            SELECT t.id, t.deadline, t.overdue_at IS NOT NULL AS noted, a.step
            FROM \(schema).tasks t LEFT JOIN \(schema).actions a ON a.id = t.action_id AND a.kind = 'step'
            WHERE t.debtor_id = $1 AND t.case_id = $2 AND t.state = 'open' AND t.kind <> 'approval'
            ORDER BY t.id
            """, [debtorID, caseID]).rows.map { row in
            OpenTask(id: try row.decode(Int64.self, "id"), stepPosition: try row.decodeIfPresent(Int.self, "step"),
                     deadline: try row.decodeIfPresent(Date.self, "deadline"), overdueNoted: try row.decode(Bool.self, "noted"))
        }
    }

    /// Marks the task overdue (once); returns its kind and deadline, or nil if it was closed or
    /// already marked meanwhile.
    public func markOverdue(_ c: PostgresConnection, taskID: Int64, at: Date) throws -> (kind: String, deadline: Date?)? {
        try c.query("""
            UPDATE \(schema).tasks SET overdue_at = $2
            WHERE id = $1 AND state = 'open' AND overdue_at IS NULL
            RETURNING kind, deadline
            """, [taskID, at]).first.map { (try $0.decode(String.self, "kind"), try $0.decodeIfPresent(Date.self, "deadline")) }
    }

    /// Makes the case's next step due at once, as a collector's `escalate` outcome does.
    public func expedite(_ c: PostgresConnection, caseID: Int64) throws {
        _ = try c.query("UPDATE \(schema).cases SET expedite = true WHERE id = $1 AND state = 'open'", [caseID])
    }
}
