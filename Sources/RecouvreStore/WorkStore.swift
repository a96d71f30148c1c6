import Foundation
import Postgres
import RecouvreCore

/// Writes what the planner decided for one debtor: cases opened and closed, promises and plans
/// settled, planned work scheduled, moved or cancelled, tasks opened. Runs inside the caller's
/// transaction, after the debtor's row was locked.
public struct WorkStore: Sendable {
    public let slug: TenantSlug
    private var schema: String { slug.quotedSchema }

    public init(slug: TenantSlug) { self.slug = slug }

    /// The debtor's planned work not yet run (scheduled, or held for approval). Rows another
    /// transaction is running are skipped: that run checks for itself whether it is still wanted.
    public func pending(_ c: PostgresConnection, debtorID: Int64) throws -> [ScheduledWork] {
        try c.query("""
            SELECT \(ScheduledWork.columns) FROM \(schema).actions
            WHERE debtor_id = $1 AND kind IN ('step', 'courtesy', 'instalment_reminder') AND state IN ('scheduled', 'held')
            ORDER BY due_at
            FOR UPDATE SKIP LOCKED
            """, [debtorID]).rows.compactMap(ScheduledWork.init(row:))
    }

    /// Schedules planned work unless the same work already exists (the unique indexes per key make
    /// planning idempotent, across daemons too); the new action's id, or nil.
    public func schedule(_ c: PostgresConnection, debtorID: Int64, caseID: Int64?, work: PlannedWork) throws -> Int64? {
        let kind: String, invoiceID: Int64?, planID: Int64?, instalment: Int?, step: Int
        switch work.key {
        case .step(let position):
            (kind, invoiceID, planID, instalment, step) = ("step", nil, nil, nil, position)
        case .courtesy(let invoice, let position):
            (kind, invoiceID, planID, instalment, step) = ("courtesy", invoice, nil, nil, position)
        case .instalment(let plan, let number, _):
            (kind, invoiceID, planID, instalment, step) = ("instalment_reminder", nil, plan, number, 0)
        }
        return try c.query("""
            INSERT INTO \(schema).actions (kind, channel, debtor_id, invoice_id, case_id, plan_id, instalment, step, stage,
                                           template, due_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            ON CONFLICT DO NOTHING
            RETURNING id
            """, [kind, work.channel.rawValue, debtorID, invoiceID, caseID, planID, instalment, step, work.stage.rawValue,
                  work.template, work.dueAt]).first.map { try $0.decode(Int64.self, "id") }
    }

    /// Moves scheduled work to a new moment.
    public func move(_ c: PostgresConnection, id: Int64, to dueAt: Date) throws {
        _ = try c.query("UPDATE \(schema).actions SET due_at = $2, updated_at = now() WHERE id = $1 AND state = 'scheduled'",
                        [id, dueAt])
    }

    /// Puts a step that needs approval on hold; it runs once a person approves it.
    public func hold(_ c: PostgresConnection, id: Int64) throws {
        _ = try c.query("""
            UPDATE \(schema).actions SET state = 'held', lease_owner = NULL, lease_expires_at = NULL, updated_at = now()
            WHERE id = $1
            """, [id])
    }

    /// Opens the debtor's case under `policy`; the new case's id.
    public func openCase(_ c: PostgresConnection, debtorID: Int64, policy: String) throws -> Int64 {
        try c.query("INSERT INTO \(schema).cases (debtor_id, policy) VALUES ($1, $2) RETURNING id", [debtorID, policy])
            .first.map { try $0.decode(Int64.self, "id") } ?? 0
    }

    /// Closes a case.
    public func closeCase(_ c: PostgresConnection, id: Int64, reason: CaseCloseReason) throws {
        _ = try c.query("""
            UPDATE \(schema).cases SET state = 'closed', closed_at = now(), close_reason = $2 WHERE id = $1 AND state = 'open'
            """, [id, reason.rawValue])
    }

    /// Follows a change of the debtor's policy override while the case is open.
    public func setCasePolicy(_ c: PostgresConnection, id: Int64, policy: String) throws {
        _ = try c.query("UPDATE \(schema).cases SET policy = $2 WHERE id = $1 AND policy <> $2", [id, policy])
    }

    /// Records that the case's step at `position` was done (executed, or skipped by a person).
    public func advanceCase(_ c: PostgresConnection, id: Int64, position: Int, stage: CollectionStage, at: Date,
                            formalNoticeOn: CalendarDay?) throws {
        _ = try c.query("""
            UPDATE \(schema).cases
            SET position = greatest(position, $2), stage = $3, last_step_at = $4, expedite = false,
                formal_notice_on = coalesce(formal_notice_on, $5::date)
            WHERE id = $1
            """, [id, position, stage.rawValue, at, formalNoticeOn?.description])
    }

    /// Moves the case past a step that failed for good, as if done at `at`, so that the next
    /// step keeps the policy's interval from the failure. The stage is left as it was: nothing
    /// of that stage reached the debtor.
    public func skipFailedStep(_ c: PostgresConnection, caseID: Int64, position: Int, at: Date) throws {
        _ = try c.query("""
            UPDATE \(schema).cases SET position = greatest(position, $2), last_step_at = $3, expedite = false
            WHERE id = $1 AND state = 'open'
            """, [caseID, position, at])
    }

    /// Settles the running promise.
    public func settlePromise(_ c: PostgresConnection, id: Int64, kept: Bool) throws {
        _ = try c.query("UPDATE \(schema).promises SET state = $2, settled_at = now() WHERE id = $1 AND state = 'open'",
                        [id, kept ? "kept" : "broken"])
    }

    /// Ends the plan in force.
    public func endPlan(_ c: PostgresConnection, id: Int64, completed: Bool) throws {
        _ = try c.query("UPDATE \(schema).payment_plans SET state = $2, ended_at = now() WHERE id = $1 AND state = 'active'",
                        [id, completed ? "completed" : "broken"])
    }

    /// Opens a task for the collectors, once per action and kind; the task's id, or nil if it existed.
    public func openTask(_ c: PostgresConnection, debtorID: Int64, caseID: Int64?, actionID: Int64, kind: String,
                         title: String, deadline: Date?) throws -> Int64? {
        try c.query("""
            INSERT INTO \(schema).tasks (debtor_id, case_id, action_id, kind, title, deadline)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT DO NOTHING
            RETURNING id
            """, [debtorID, caseID, actionID, kind, title, deadline]).first.map { try $0.decode(Int64.self, "id") }
    }

    /// Cancels the open tasks of a closed case.
    public func cancelOpenTasks(_ c: PostgresConnection, caseID: Int64) throws -> Int {
        try c.query("""
            UPDATE \(schema).tasks SET state = 'cancelled', completed_at = now(), completed_by = 'recouvred'
            WHERE case_id = $1 AND state = 'open' RETURNING id
            """, [caseID]).rows.count
    }

    /// What last lowered the debtor's balance, in words for a cancellation: `paid`, `credit
    /// note`, `reduction`, `written off` or `dispute upheld`; `paid` when nothing is recorded.
    public func lastSettlementWords(_ c: PostgresConnection, debtorID: Int64) throws -> String {
        guard let (kind, reason) = try lastReduction(c, debtorID: debtorID) else { return "paid" }
        switch kind {
        case "credit_note": return "credit note"
        case "write_off": return reason.hasPrefix("dispute upheld") ? "dispute upheld" : "written off"
        default: return "reduction"
        }
    }

    /// How the debtor's latest settlement was made when it was not money: `writtenOff` when the
    /// last movement of the debtor's balance is a write-off, `disputeUpheld` when that write-off
    /// resolved a dispute; nil when the last movement is a payment, a credit note or a reduction.
    public func lastSettlement(_ c: PostgresConnection, debtorID: Int64) throws -> CaseCloseReason? {
        guard let (kind, reason) = try lastReduction(c, debtorID: debtorID), kind == "write_off" else { return nil }
        return reason.hasPrefix("dispute upheld") ? .disputeUpheld : .writtenOff
    }

    /// The kind and reason of the debtor's reduction recorded after its last payment, if any.
    private func lastReduction(_ c: PostgresConnection, debtorID: Int64) throws -> (kind: String, reason: String)? {
        try c.query("""
            SELECT r.kind, r.reason FROM \(schema).reductions r
            WHERE r.debtor_id = $1
              AND r.created_at >= coalesce((SELECT max(p.created_at) FROM \(schema).payments p WHERE p.debtor_id = $1), '-infinity')
            ORDER BY r.created_at DESC, r.id DESC LIMIT 1
            """, [debtorID]).first.map { (try $0.decode(String.self, "kind"), try $0.decode(String.self, "reason")) }
    }

    /// Cancels the open tasks an action opened (an approval no longer asked for).
    public func cancelOpenTasks(_ c: PostgresConnection, actionID: Int64) throws {
        _ = try c.query("""
            UPDATE \(schema).tasks SET state = 'cancelled', completed_at = now(), completed_by = 'recouvred'
            WHERE action_id = $1 AND state = 'open'
            """, [actionID])
    }

    /// Asks for a review of the debtor at `at`: one scheduled review per debtor, at the earliest
    /// moment asked for.
    public func requestReview(_ c: PostgresConnection, debtorID: Int64, at: Date) throws {
        _ = try c.query("""
            INSERT INTO \(schema).actions (kind, debtor_id, due_at) VALUES ('review_debtor', $1, $2)
            ON CONFLICT (debtor_id) WHERE kind = 'review_debtor' AND state = 'scheduled'
            DO UPDATE SET due_at = least(\(schema).actions.due_at, EXCLUDED.due_at), updated_at = now()
            """, [debtorID, at])
    }

    /// When the debtor was last sent a message, on any channel that reaches them.
    public func lastMessageSent(_ c: PostgresConnection, debtorID: Int64) throws -> Date? {
        try c.query("""
            SELECT max(finished_at) AS at FROM \(schema).actions
            WHERE debtor_id = $1 AND kind IN ('step', 'courtesy', 'instalment_reminder', 'email_reminder')
              AND channel IN ('email', 'letter', 'sms', 'webhook') AND state = 'succeeded' AND outcome ? 'delivered'
            """, [debtorID]).first.flatMap { try $0.decodeIfPresent(Date.self, "at") }
    }

    /// The figures of `claim_statement` for the debtor today: what a formal notice states.
    public func claimStatement(_ c: PostgresConnection, debtorID: Int64, asOf: CalendarDay) throws -> [ClaimStatementLine] {
        try c.query("""
            SELECT invoice_id, number, currency, due_on, principal_outstanding, days_late, penalty, indemnity, total,
                   rates_carried_forward, prescription_ends_on,
                   (SELECT i.issued_on FROM \(schema).invoices i WHERE i.id = invoice_id) AS issued_on,
                   (SELECT i.amount FROM \(schema).invoices i WHERE i.id = invoice_id) AS amount,
                   (SELECT coalesce(string_agg(r.rate::text, ' ' ORDER BY r.first), '')
                    FROM (SELECT p ->> 'rate' AS rate, min(p ->> 'from') AS first
                          FROM jsonb_array_elements(rates_applied) p GROUP BY p ->> 'rate') r) AS rates
            FROM \(schema).claim_statement($1, $2::date)
            """, [debtorID, asOf.description]).rows.map { row in
            let currency = try row.decode(String.self, "currency")
            func money(_ column: String, _ currency: String) throws -> Money {
                Money(amount: try row.decode(Decimal.self, column), currency: currency)
            }
            return ClaimStatementLine(
                invoiceId: try row.decode(Int64.self, "invoice_id"), number: try row.decode(String.self, "number"),
                dueOn: try SituationStore.day(row, "due_on"), daysLate: try row.decode(Int.self, "days_late"),
                principal: try money("principal_outstanding", currency), penalty: try money("penalty", currency),
                indemnity: try money("indemnity", "EUR"), total: try money("total", currency),
                ratesCarriedForward: try row.decode(Bool.self, "rates_carried_forward"),
                rates: try row.decode(String.self, "rates").split(separator: " ").compactMap { Decimal(string: String($0)) },
                issuedOn: try SituationStore.day(row, "issued_on"), amount: try money("amount", currency),
                prescriptionEndsOn: try SituationStore.day(row, "prescription_ends_on"))
        }
    }

    /// The Message-IDs of the e-mails a case has sent, oldest first: the thread a new one
    /// replies to, so that the debtor's mail client shows the case as one conversation.
    public func caseThread(_ c: PostgresConnection, caseID: Int64) throws -> [String] {
        try c.query("""
            SELECT outcome ->> 'message_id' AS id FROM \(schema).actions
            WHERE case_id = $1 AND kind = 'step' AND state = 'succeeded' AND outcome ? 'message_id'
            ORDER BY finished_at, id
            """, [caseID]).rows.map { try $0.decode(String.self, "id") }
    }

    /// The debtor's journal, oldest first: what a court file's chronology is made of.
    public func journal(_ c: PostgresConnection, debtorID: Int64) throws -> [JournalEntry] {
        try c.query("""
            SELECT occurred_at, kind, actor, detail::text AS detail FROM \(schema).events
            WHERE debtor_id = $1 ORDER BY occurred_at, id
            """, [debtorID]).rows.map { row in
            JournalEntry(at: try row.decode(Date.self, "occurred_at"), kind: try row.decode(String.self, "kind"),
                         actor: try row.decode(String.self, "actor"), detail: try row.decode(String.self, "detail"))
        }
    }
}

/// One event of a debtor's journal, its detail as JSON text.
public struct JournalEntry: Sendable, Equatable {
    public let at: Date
    public let kind: String
    public let actor: String
    public let detail: String
}

/// One line of `claim_statement`.
public struct ClaimStatementLine: Sendable, Equatable {
    public let invoiceId: Int64
    public let number: String
    public let dueOn: CalendarDay
    public let daysLate: Int
    public let principal: Money
    public let penalty: Money
    public let indemnity: Money
    public let total: Money
    /// A half-year without published rates used the latest earlier ones: an estimate until ops
    /// add the rates to `recouvre.legal_rates`.
    public let ratesCarriedForward: Bool
    /// The annual rates applied, in percent, in the order they first applied.
    public let rates: [Decimal]
    public let issuedOn: CalendarDay
    /// The invoiced amount.
    public let amount: Money
    /// The last day the claim can be pursued.
    public let prescriptionEndsOn: CalendarDay
}
