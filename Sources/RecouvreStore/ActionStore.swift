import Foundation
import Postgres
import RecouvreCore

/// The SQL an action's execution needs: re-reading state under locks, recording outcomes and
/// events, and scheduling what comes next. Every method runs on the caller's connection, inside
/// the caller's transaction when there is one, so that an outcome, its event and the next step
/// commit together.
public struct ActionStore: Sendable {
    public let slug: TenantSlug
    private var schema: String { slug.quotedSchema }

    public init(slug: TenantSlug) { self.slug = slug }

    /// Locks a claimed action; false when this daemon no longer holds its lease (it expired and
    /// another daemon took it), in which case nothing may be recorded for it.
    public func lockClaimed(_ c: PostgresConnection, id: Int64, owner: String) throws -> Bool {
        try c.query("""
            SELECT id FROM \(schema).actions
            WHERE id = $1 AND state = 'running' AND lease_owner = $2
            FOR UPDATE
            """, [id, owner]).first != nil
    }

    /// Whether the tenant is active right now (re-read at send time).
    public func tenantIsActive(_ c: PostgresConnection) throws -> Bool {
        try c.query("SELECT status FROM recouvre.tenants WHERE slug = $1", [slug.rawValue])
            .first.map { try $0.decode(String.self, "status") } == "active"
    }

    /// Locks a debtor's row. A payment for this debtor (whose foreign key takes a share lock on
    /// the row) then either committed before and is visible to the next statement, or waits
    /// until the caller's transaction ends: a send-time check cannot miss a committed payment.
    public func lockDebtor(_ c: PostgresConnection, id: Int64) throws -> DebtorRecord? {
        try c.query("SELECT \(DebtorRecord.columns) FROM \(schema).debtors WHERE id = $1 FOR UPDATE", [id])
            .first.map(DebtorRecord.init(row:))
    }

    /// Marks an action succeeded with what it produced.
    public func succeed(_ c: PostgresConnection, id: Int64, outcome: PostgresJSON) throws {
        _ = try c.query("""
            UPDATE \(schema).actions
            SET state = 'succeeded', outcome = $2, last_error = NULL, lease_owner = NULL,
                lease_expires_at = NULL, finished_at = now(), updated_at = now()
            WHERE id = $1
            """, [id, outcome])
    }

    /// Ends an action without success: `failed` (permanent), `dead` (out of attempts) or
    /// `cancelled` (no longer applies).
    public func finish(_ c: PostgresConnection, id: Int64, state: String, reason: String) throws {
        _ = try c.query("""
            UPDATE \(schema).actions
            SET state = $2, last_error = $3, lease_owner = NULL, lease_expires_at = NULL,
                finished_at = now(), updated_at = now()
            WHERE id = $1
            """, [id, state, reason])
    }

    /// Puts an action back in the queue for `at`; `error` records why (a retry) or is nil (a
    /// postponement). A postponement does not count as an attempt.
    public func reschedule(_ c: PostgresConnection, id: Int64, at: Date, error: String?) throws {
        _ = try c.query("""
            UPDATE \(schema).actions
            SET state = 'scheduled', due_at = $2, last_error = $3, lease_owner = NULL, lease_expires_at = NULL,
                attempts = CASE WHEN $3::text IS NULL THEN greatest(attempts - 1, 0) ELSE attempts END,
                updated_at = now()
            WHERE id = $1
            """, [id, at, error])
    }

    /// Appends to the tenant's journal.
    public func recordEvent(_ c: PostgresConnection, kind: String, debtorID: Int64?, invoiceID: Int64?,
                            actionID: Int64?, detail: PostgresJSON) throws {
        _ = try c.query("""
            INSERT INTO \(schema).events (kind, debtor_id, invoice_id, action_id, actor, detail)
            VALUES ($1, $2, $3, $4, 'recouvred', $5)
            """, [kind, debtorID, invoiceID, actionID, detail])
    }

    // MARK: - Ops

    /// The tenant's actions, newest first, optionally in one state.
    public func list(_ c: PostgresConnection, state: String?, limit: Int) throws -> [ActionRecord] {
        try c.query("""
            SELECT \(ActionRecord.columns) FROM \(schema).actions
            WHERE $1::text IS NULL OR state = $1
            ORDER BY id DESC LIMIT $2
            """, [state, limit]).rows.map(ActionRecord.init(row:))
    }

    /// One action.
    public func get(_ c: PostgresConnection, id: Int64) throws -> ActionRecord? {
        try c.query("SELECT \(ActionRecord.columns) FROM \(schema).actions WHERE id = $1", [id])
            .first.map(ActionRecord.init(row:))
    }

    /// An operator's retry: a failed or dead action is scheduled now with a fresh
    /// attempt count. Returns nil if the action does not exist; throws if its state forbids it.
    public func retry(_ c: PostgresConnection, id: Int64, actor: String) throws -> ActionRecord? {
        try c.transaction { c in
            guard let action = try lockedForOps(c, id: id) else { return nil }
            // Not a cancelled one: it was cancelled for a reason (paid, by an operator), and a
            // later plan may already hold its step.
            guard ["failed", "dead"].contains(action.state) else {
                throw ActionStateError(id: id, state: action.state,
                                       reason: "only failed or dead actions can be retried")
            }
            _ = try c.query("""
                UPDATE \(schema).actions SET state = 'scheduled', due_at = now(), attempts = 0,
                    finished_at = NULL, updated_at = now()
                WHERE id = $1
                """, [id])
            try recordEvent(c, kind: "action_retried", debtorID: action.debtorID, invoiceID: action.invoiceID,
                            actionID: id, detail: try PostgresJSON(encoding: ["by": actor, "previous_state": action.state]))
            return try get(c, id: id)
        }
    }

    /// An operator's cancel: a scheduled action will not run.
    public func cancel(_ c: PostgresConnection, id: Int64, actor: String) throws -> ActionRecord? {
        try c.transaction { c in
            guard let action = try lockedForOps(c, id: id) else { return nil }
            guard ["scheduled", "held", "failed"].contains(action.state) else {
                throw ActionStateError(id: id, state: action.state,
                                       reason: "only scheduled, held or failed actions can be cancelled")
            }
            try finish(c, id: id, state: "cancelled", reason: "cancelled by \(actor)")
            try recordEvent(c, kind: "action_cancelled", debtorID: action.debtorID, invoiceID: action.invoiceID,
                            actionID: id, detail: try PostgresJSON(encoding: ["by": actor]))
            return try get(c, id: id)
        }
    }

    private func lockedForOps(_ c: PostgresConnection, id: Int64) throws -> ActionRecord? {
        try c.query("SELECT \(ActionRecord.columns) FROM \(schema).actions WHERE id = $1 FOR UPDATE", [id])
            .first.map(ActionRecord.init(row:))
    }

}

/// An operator asked for something the action's state does not allow.
public struct ActionStateError: Error, Sendable, Equatable, CustomStringConvertible {
    public let id: Int64
    public let state: String
    public let reason: String
    public var description: String { "action \(id) is \(state): \(reason)" }
}
