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

    /// The standing of a debtor's invoice, or nil if it no longer exists. Filtering on the
    /// debtor too lets the balance view work on that debtor's invoices only.
    public func invoice(_ c: PostgresConnection, id: Int64, debtorID: Int64) throws -> InvoiceStanding? {
        try c.query("SELECT * FROM \(schema).invoice_balances WHERE debtor_id = $2 AND invoice_id = $1", [id, debtorID])
            .first.map(Self.standing(row:))
    }

    /// A reminder already sent to the debtor since `since` whose message listed the invoice
    /// at `step` or a more advanced one, by this daemon or another: its id, or nil. A message
    /// of a softer step does not stand for this one.
    public func reminderSent(_ c: PostgresConnection, debtorID: Int64, invoiceID: Int64, atLeastStep step: Int,
                             since: Date) throws -> Int64? {
        try c.query("""
            SELECT id FROM \(schema).actions
            WHERE debtor_id = $1 AND kind = 'email_reminder' AND state = 'succeeded'
              AND finished_at >= $3 AND outcome -> 'invoice_ids' @> to_jsonb($2::bigint)
              AND (outcome ->> 'step')::int >= $4
            ORDER BY finished_at DESC LIMIT 1
            """, [debtorID, invoiceID, since, step]).first.map { try $0.decode(Int64.self, "id") }
    }

    /// When the debtor was last sent a message (merged reminders sent none of their own).
    public func lastMessageSent(_ c: PostgresConnection, debtorID: Int64) throws -> Date? {
        try c.query("""
            SELECT max(finished_at) AS at FROM \(schema).actions
            WHERE debtor_id = $1 AND kind = 'email_reminder' AND state = 'succeeded' AND outcome ? 'message_id'
            """, [debtorID]).first.flatMap { try $0.decodeIfPresent(Date.self, "at") }
    }

    /// A debtor's invoices with something still owed, by due date.
    public func openInvoices(_ c: PostgresConnection, debtorID: Int64) throws -> [InvoiceStanding] {
        try c.query("""
            SELECT * FROM \(schema).invoice_balances
            WHERE debtor_id = $1 AND outstanding > 0
            ORDER BY due_on, invoice_id
            """, [debtorID]).rows.map(Self.standing(row:))
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

    /// Schedules a reminder step for an invoice unless that step already exists; returns the
    /// new action's id, or nil when the step was already planned (planning is idempotent).
    public func scheduleReminder(_ c: PostgresConnection, debtorID: Int64, invoiceID: Int64,
                                 reminder: PlannedReminder) throws -> Int64? {
        try c.query("""
            INSERT INTO \(schema).actions (kind, channel, debtor_id, invoice_id, step, template, due_at)
            VALUES ('email_reminder', 'email', $1, $2, $3, $4, $5)
            ON CONFLICT (invoice_id, step) WHERE kind = 'email_reminder' AND state <> 'cancelled' DO NOTHING
            RETURNING id
            """, [debtorID, invoiceID, reminder.step, reminder.template, reminder.dueAt])
            .first.map { try $0.decode(Int64.self, "id") }
    }

    /// A reminder of an invoice that is scheduled and not yet sent.
    public struct PendingReminder: Sendable, Equatable {
        public let id: Int64
        public let invoiceID: Int64
        public let step: Int
        public let template: String?
        public let dueAt: Date
    }

    /// The debtor's reminders not yet sent: those waiting in the queue, and those `owner` has
    /// claimed but not started (a batch holds several). Rows another transaction is working on
    /// are skipped; that transaction does its own send-time check.
    public func pendingReminders(_ c: PostgresConnection, debtorID: Int64, owner: String) throws -> [PendingReminder] {
        try c.query("""
            SELECT id, invoice_id, step, template, due_at FROM \(schema).actions
            WHERE debtor_id = $1 AND kind = 'email_reminder'
              AND (state = 'scheduled' OR (state = 'running' AND lease_owner = $2))
            ORDER BY due_at
            FOR UPDATE SKIP LOCKED
            """, [debtorID, owner]).rows.map {
            PendingReminder(id: try $0.decode(Int64.self, "id"), invoiceID: try $0.decode(Int64.self, "invoice_id"),
                            step: try $0.decode(Int.self, "step"), template: try $0.decodeIfPresent(String.self, "template"),
                            dueAt: try $0.decode(Date.self, "due_at"))
        }
    }

    /// The highest reminder step already sent for an invoice, with when; nil if none.
    public func lastSentStep(_ c: PostgresConnection, invoiceID: Int64) throws -> (step: Int, at: Date)? {
        guard let row = try c.query("""
            SELECT step, finished_at FROM \(schema).actions
            WHERE invoice_id = $1 AND kind = 'email_reminder' AND state = 'succeeded'
            ORDER BY step DESC LIMIT 1
            """, [invoiceID]).first else { return nil }
        return (try row.decode(Int.self, "step"), try row.decode(Date.self, "finished_at"))
    }

    /// Moves a scheduled reminder to a new time.
    public func moveReminder(_ c: PostgresConnection, id: Int64, to dueAt: Date) throws {
        _ = try c.query("UPDATE \(schema).actions SET due_at = $2, updated_at = now() WHERE id = $1 AND state = 'scheduled'",
                        [id, dueAt])
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
            guard action.state == "scheduled" || action.state == "failed" else {
                throw ActionStateError(id: id, state: action.state,
                                       reason: "only scheduled or failed actions can be cancelled")
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

    static func standing(row: PostgresRow) throws -> InvoiceStanding {
        let currency = try row.decode(String.self, "currency")
        func day(_ column: String) throws -> CalendarDay {
            let date = try row.decode(PostgresDate.self, column)
            return CalendarDay(year: date.year, month: date.month, day: date.day)
        }
        return InvoiceStanding(
            invoiceId: try row.decode(Int64.self, "invoice_id"),
            number: try row.decode(String.self, "number"),
            issuedOn: try day("issued_on"),
            dueOn: try day("due_on"),
            amount: Money(amount: try row.decode(Decimal.self, "amount"), currency: currency),
            outstanding: Money(amount: try row.decode(Decimal.self, "outstanding"), currency: currency))
    }
}

/// An operator asked for something the action's state does not allow.
public struct ActionStateError: Error, Sendable, Equatable, CustomStringConvertible {
    public let id: Int64
    public let state: String
    public let reason: String
    public var description: String { "action \(id) is \(state): \(reason)" }
}
