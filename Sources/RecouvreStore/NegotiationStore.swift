import Foundation
import Postgres
import RecouvreCore

/// What operators and collectors record about a debtor: payments, promises, plans, disputes,
/// reductions and task outcomes. Apart from payments, which are plain rows, each goes through
/// the tenant's SQL function, which checks it, journals it with `author` and asks the daemon
/// to review the debtor. Values are always bound parameters.
public struct NegotiationStore: Sendable {
    public let slug: TenantSlug
    var schema: String { slug.quotedSchema }

    public init(slug: TenantSlug) { self.slug = slug }

    // MARK: - Lookups

    /// The id of the debtor with this reference.
    public func debtorID(_ c: PostgresConnection, ref: String) throws -> Int64 {
        guard let row = try c.query("SELECT id FROM \(schema).debtors WHERE external_ref = $1", [ref]).first else {
            throw NotFoundError(what: "debtor", key: ref)
        }
        return try row.decode(Int64.self, "id")
    }

    /// The id, debtor and currency of the invoice with this number.
    public func invoice(_ c: PostgresConnection, number: String) throws -> (id: Int64, debtorID: Int64, currency: String) {
        guard let row = try c.query("SELECT id, debtor_id, currency FROM \(schema).invoices WHERE number = $1", [number]).first
        else { throw NotFoundError(what: "invoice", key: number) }
        return (try row.decode(Int64.self, "id"), try row.decode(Int64.self, "debtor_id"), try row.decode(String.self, "currency"))
    }

    // MARK: - Payments

    /// Records a payment. The table's trigger journals it and has the debtor reviewed; an
    /// event of our own says who entered it.
    public func recordPayment(_ c: PostgresConnection, debtorRef: String, amount: Decimal, invoiceNumber: String?,
                              currency: String?, receivedOn: String?, reference: String?, author: String) throws -> PaymentRecord {
        try c.transaction { c in
            let debtorID = try debtorID(c, ref: debtorRef)
            var invoiceID: Int64?
            var invoiceCurrency: String?
            if let invoiceNumber {
                let invoice = try invoice(c, number: invoiceNumber)
                guard invoice.debtorID == debtorID else {
                    throw MisfitError(field: "invoice", reason: "invoice \(invoiceNumber) is not debtor \(debtorRef)'s")
                }
                if let currency, currency != invoice.currency {
                    throw MisfitError(field: "currency", reason: "invoice \(invoiceNumber) is in \(invoice.currency), not \(currency)")
                }
                invoiceID = invoice.id
                invoiceCurrency = invoice.currency
            }
            let id = try c.query("""
                INSERT INTO \(schema).payments (debtor_id, invoice_id, amount, currency, received_on, reference)
                VALUES ($1, $2, $3::numeric, $4, coalesce($5::date, \(schema).local_today()), $6)
                RETURNING id
                """, [debtorID, invoiceID, amount, currency ?? invoiceCurrency ?? "EUR", receivedOn, reference])
                .first.map { try $0.decode(Int64.self, "id") } ?? 0
            _ = try c.query("""
                INSERT INTO \(schema).events (kind, debtor_id, invoice_id, actor, detail)
                VALUES ('payment_entered', $1, $2, $3, jsonb_build_object('payment_id', $4::bigint))
                """, [debtorID, invoiceID, author, id])
            return try payment(c, id: id)
        }
    }

    func payment(_ c: PostgresConnection, id: Int64) throws -> PaymentRecord {
        guard let row = try c.query("""
            SELECT p.id, p.debtor_id, i.number AS invoice_number, p.amount, p.currency, p.received_on, p.reference
            FROM \(schema).payments p LEFT JOIN \(schema).invoices i ON i.id = p.invoice_id
            WHERE p.id = $1
            """, [id]).first else { throw NotFoundError(what: "payment", key: String(id)) }
        return try PaymentRecord(row: row)
    }

    // MARK: - Promises and plans

    /// `record_promise`.
    public func addPromise(_ c: PostgresConnection, debtorRef: String, amount: Decimal, promisedOn: String, note: String?,
                           author: String) throws -> PromiseRecord {
        try c.transaction { c in
            let debtorID = try debtorID(c, ref: debtorRef)
            let id = try returnedID(c.query("""
                SELECT \(schema).record_promise($1::bigint, $2::numeric, $3::date, $4::text, $5::text) AS id
                """, [debtorID, amount, promisedOn, note, author]))
            guard let row = try c.query("SELECT \(PromiseRecord.columns) FROM \(schema).promises WHERE id = $1", [id]).first
            else { throw NotFoundError(what: "promise", key: String(id)) }
            return try PromiseRecord(row: row)
        }
    }

    /// `create_payment_plan`.
    public func createPlan(_ c: PostgresConnection, debtorRef: String, instalments: [(dueOn: String, amount: Decimal)],
                           note: String?, author: String) throws -> PlanRecord {
        let json = try PostgresJSON(encoding: instalments.map { ["due_on": $0.dueOn, "amount": MoneyText.twoDecimals($0.amount)] })
        return try c.transaction { c in
            let debtorID = try debtorID(c, ref: debtorRef)
            let id = try returnedID(c.query("""
                SELECT \(schema).create_payment_plan($1::bigint, $2::jsonb, $3::text, $4::text) AS id
                """, [debtorID, json, note, author]))
            guard let plan = try CaseQueries(slug: slug).plan(c, where: "p.id = $1", id) else {
                throw NotFoundError(what: "plan", key: String(id))
            }
            return plan
        }
    }

    // MARK: - Disputes and reductions

    /// `open_dispute`, on an invoice of the debtor or (no invoice) the whole debtor.
    public func openDispute(_ c: PostgresConnection, debtorRef: String, invoiceNumber: String?, reason: String,
                            author: String) throws -> DisputeRecord {
        try c.transaction { c in
            let debtorID = try debtorID(c, ref: debtorRef)
            var invoiceID: Int64?
            if let invoiceNumber {
                let invoice = try invoice(c, number: invoiceNumber)
                guard invoice.debtorID == debtorID else {
                    throw MisfitError(field: "invoice", reason: "invoice \(invoiceNumber) is not debtor \(debtorRef)'s")
                }
                invoiceID = invoice.id
            }
            let id = try returnedID(c.query("""
                SELECT \(schema).open_dispute($1::bigint, $2::bigint, $3::text, $4::text) AS id
                """, [debtorID, invoiceID, reason, author]))
            return try dispute(c, id: id)
        }
    }

    /// `resolve_dispute`.
    public func resolveDispute(_ c: PostgresConnection, id: Int64, resolution: String, note: String?,
                               author: String) throws -> DisputeRecord {
        try c.transaction { c in
            _ = try dispute(c, id: id)
            _ = try c.query("SELECT \(schema).resolve_dispute($1::bigint, $2::text, $3::text, $4::text)",
                            [id, resolution, note, author])
            return try dispute(c, id: id)
        }
    }

    func dispute(_ c: PostgresConnection, id: Int64) throws -> DisputeRecord {
        guard let row = try c.query("""
            SELECT d.*, i.number AS invoice_number
            FROM \(schema).disputes d LEFT JOIN \(schema).invoices i ON i.id = d.invoice_id
            WHERE d.id = $1
            """, [id]).first else { throw NotFoundError(what: "dispute", key: String(id)) }
        return try DisputeRecord(row: row)
    }

    /// `grant_reduction`, or `write_off` for a write-off of the whole outstanding (no amount).
    public func grantReduction(_ c: PostgresConnection, invoiceNumber: String, amount: Decimal?, reason: String, kind: String,
                               author: String) throws -> ReductionRecord {
        try c.transaction { c in
            let invoice = try invoice(c, number: invoiceNumber)
            let result: PostgresResult
            if let amount {
                result = try c.query("""
                    SELECT \(schema).grant_reduction($1::bigint, $2::numeric, $3::text, $4::text, $5::text) AS id
                    """, [invoice.id, amount, reason, kind, author])
            } else {
                result = try c.query("SELECT \(schema).write_off($1::bigint, $2::text, $3::text) AS id",
                                     [invoice.id, reason, author])
            }
            let id = try returnedID(result)
            guard let row = try c.query("""
                SELECT r.*, i.number AS invoice_number
                FROM \(schema).reductions r JOIN \(schema).invoices i ON i.id = r.invoice_id
                WHERE r.id = $1
                """, [id]).first else { throw NotFoundError(what: "reduction", key: String(id)) }
            return try ReductionRecord(row: row)
        }
    }

    // MARK: - Tasks

    /// Tasks in `state` (nil: every state), optionally of one kind, earliest deadline first.
    public func tasks(_ c: PostgresConnection, state: String?, kind: String?, limit: Int = 500) throws -> [TaskRecord] {
        try c.query("""
            SELECT \(Self.taskColumns) FROM \(schema).tasks t JOIN \(schema).debtors d ON d.id = t.debtor_id
            WHERE ($1::text IS NULL OR t.state = $1) AND ($2::text IS NULL OR t.kind = $2)
            ORDER BY t.deadline NULLS LAST, t.id
            LIMIT $3
            """, [state, kind, limit]).rows.map(TaskRecord.init(row:))
    }

    /// What a collector records when completing a task; which parts apply depends on its kind.
    public struct TaskCompletion: Sendable {
        public var reached: Bool?
        public var reason: String?
        public var next: String?
        public var approve: Bool?
        public var note: String?

        public init(reached: Bool?, reason: String?, next: String?, approve: Bool?, note: String?) {
            self.reached = reached
            self.reason = reason
            self.next = next
            self.approve = approve
            self.note = note
        }
    }

    /// Completes a task with the function that fits its kind: `record_call_outcome` for a
    /// call, `decide_approval` for an approval, `complete_task` for the others.
    public func completeTask(_ c: PostgresConnection, id: Int64, completion: TaskCompletion, author: String) throws -> TaskRecord {
        try c.transaction { c in
            let task = try self.task(c, id: id)
            let hasCall = completion.reached != nil || completion.reason != nil || completion.next != nil
            switch task.kind {
            case "call":
                guard completion.approve == nil, let reached = completion.reached, let reason = completion.reason else {
                    throw MisfitError(field: "task", reason: "task \(id) is a call: give reached (yes or no) and reason "
                        + "(oversight, cash_flow, disagreement, not_received, refusal, unreachable, other), "
                        + "optionally next (continue or escalate) and a note")
                }
                _ = try c.query("""
                    SELECT \(schema).record_call_outcome($1::bigint, $2::boolean, $3::text, $4::text, $5::text, $6::text)
                    """, [id, reached, reason, completion.next ?? "continue", completion.note, author])
            case "approval":
                guard !hasCall, let approve = completion.approve else {
                    throw MisfitError(field: "task", reason: "task \(id) is an approval: give approve (approve or reject) "
                        + "and optionally a note")
                }
                _ = try c.query("SELECT \(schema).decide_approval($1::bigint, $2::boolean, $3::text, $4::text)",
                                [id, approve, completion.note, author])
            default:
                guard !hasCall, completion.approve == nil else {
                    throw MisfitError(field: "task", reason: "task \(id) is a \(task.kind) task: it takes only a note")
                }
                _ = try c.query("SELECT \(schema).complete_task($1::bigint, $2::text, $3::text)", [id, completion.note, author])
            }
            return try self.task(c, id: id)
        }
    }

    func task(_ c: PostgresConnection, id: Int64) throws -> TaskRecord {
        guard let row = try c.query("""
            SELECT \(Self.taskColumns) FROM \(schema).tasks t JOIN \(schema).debtors d ON d.id = t.debtor_id
            WHERE t.id = $1
            """, [id]).first else { throw NotFoundError(what: "task", key: String(id)) }
        return try TaskRecord(row: row)
    }

    static let taskColumns = """
        t.id, t.debtor_id, d.external_ref, d.name, t.case_id, t.action_id, t.kind, t.state, t.title, t.deadline,
        t.created_at, t.completed_at, t.completed_by, t.outcome, t.overdue_at
        """

    private func returnedID(_ result: PostgresResult) throws -> Int64 {
        guard let id = try result.first?.decodeIfPresent(Int64.self, "id") else {
            throw StoreError(description: "the function returned no id")
        }
        return id
    }
}
