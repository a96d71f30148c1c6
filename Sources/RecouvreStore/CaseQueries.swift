import Foundation
import Postgres
import RecouvreCore

/// Everything `case show` tells about a debtor, read in one snapshot.
public struct CaseQueries: Sendable {
    public let slug: TenantSlug
    var schema: String { slug.quotedSchema }

    public init(slug: TenantSlug) { self.slug = slug }

    /// The whole view of a debtor's collection.
    public struct CaseView: Sendable, Equatable {
        public let debtor: CaseDebtorRecord
        public let collectionCase: CaseRecord?
        public let scheduled: [ScheduledActionRecord]
        public let invoices: [CaseInvoiceRecord]
        public let promises: [PromiseRecord]
        public let plan: PlanRecord?
        public let disputes: [DisputeRecord]
        public let reductions: [ReductionRecord]
        public let tasks: [TaskRecord]
        public let events: [EventRecord]
    }

    /// The view of the debtor with reference `debtorRef`, or of the debtor of case `caseID`.
    public func view(_ c: PostgresConnection, debtorRef: String?, caseID: Int64?) throws -> CaseView {
        // One snapshot, so that balances, plan and events agree with one another.
        try c.transaction(isolation: .repeatableRead) { c in
            let debtorSQL = """
                SELECT d.id, d.external_ref, d.name, d.kind, d.email, d.phone, d.policy,
                       coalesce(d.timezone, t.timezone) AS timezone
                FROM \(schema).debtors d JOIN recouvre.tenants t ON t.slug = $2
                """
            let debtorRow: PostgresRow?
            var chosenCase: CaseRecord?
            if let caseID {
                guard let row = try c.query("SELECT \(CaseRecord.columns) FROM \(schema).cases WHERE id = $1", [caseID]).first
                else { throw NotFoundError(what: "case", key: String(caseID)) }
                chosenCase = try CaseRecord(row: row)
                debtorRow = try c.query(debtorSQL + " WHERE d.id = $1", [chosenCase?.debtorID, slug.rawValue]).first
            } else {
                debtorRow = try c.query(debtorSQL + " WHERE d.external_ref = $1", [debtorRef, slug.rawValue]).first
            }
            guard let debtorRow else { throw NotFoundError(what: "debtor", key: debtorRef ?? "") }
            let debtor = try CaseDebtorRecord(row: debtorRow)
            if chosenCase == nil {
                chosenCase = try c.query("""
                    SELECT \(CaseRecord.columns) FROM \(schema).cases WHERE debtor_id = $1
                    ORDER BY state = 'open' DESC, opened_at DESC, id DESC LIMIT 1
                    """, [debtor.id]).first.map(CaseRecord.init(row:))
            }
            return CaseView(
                debtor: debtor, collectionCase: chosenCase,
                scheduled: try scheduled(c, debtorID: debtor.id, timezone: debtor.timezone),
                invoices: try invoices(c, debtorID: debtor.id),
                promises: try c.query("""
                    SELECT \(PromiseRecord.columns) FROM \(schema).promises WHERE debtor_id = $1
                    ORDER BY made_at DESC, id DESC LIMIT 10
                    """, [debtor.id]).rows.map(PromiseRecord.init(row:)),
                plan: try plan(c, where: "p.debtor_id = $1", debtor.id),
                disputes: try c.query("""
                    SELECT d.*, i.number AS invoice_number
                    FROM \(schema).disputes d LEFT JOIN \(schema).invoices i ON i.id = d.invoice_id
                    WHERE d.debtor_id = $1
                    ORDER BY d.state = 'open' DESC, d.opened_at DESC, d.id DESC LIMIT 20
                    """, [debtor.id]).rows.map(DisputeRecord.init(row:)),
                reductions: try c.query("""
                    SELECT r.*, i.number AS invoice_number
                    FROM \(schema).reductions r JOIN \(schema).invoices i ON i.id = r.invoice_id
                    WHERE r.debtor_id = $1
                    ORDER BY r.created_at DESC, r.id DESC LIMIT 50
                    """, [debtor.id]).rows.map(ReductionRecord.init(row:)),
                tasks: try c.query("""
                    SELECT \(NegotiationStore.taskColumns) FROM \(schema).tasks t JOIN \(schema).debtors d ON d.id = t.debtor_id
                    WHERE t.debtor_id = $1 AND t.state = 'open'
                    ORDER BY t.deadline NULLS LAST, t.id
                    """, [debtor.id]).rows.map(TaskRecord.init(row:)),
                events: try c.query("""
                    SELECT id, occurred_at, kind, invoice_id, action_id, actor, detail FROM \(schema).events
                    WHERE debtor_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT 20
                    """, [debtor.id]).rows.map(EventRecord.init(row:)))
        }
    }

    /// The next actions of the debtor still to run or waiting for approval, earliest first.
    /// Internal work (planning, reviews) is left out: it says nothing to a collector.
    func scheduled(_ c: PostgresConnection, debtorID: Int64, timezone: String) throws -> [ScheduledActionRecord] {
        try c.query("""
            SELECT id, kind, state, channel, step, stage, template, due_at,
                   to_char(due_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI') AS due_local
            FROM \(schema).actions
            WHERE debtor_id = $1 AND state IN ('scheduled', 'held') AND kind NOT IN ('plan_invoice', 'review_debtor')
            ORDER BY due_at, id LIMIT 20
            """, [debtorID, timezone]).rows.map(ScheduledActionRecord.init(row:))
    }

    /// The debtor's invoices with something owed, each with what covers it: a dispute (its
    /// own or the whole debtor's), the active plan (invoices overdue when it was made), an
    /// open promise (invoices overdue now).
    func invoices(_ c: PostgresConnection, debtorID: Int64) throws -> [CaseInvoiceRecord] {
        try c.query("""
            SELECT b.invoice_id, b.number, b.currency, b.issued_on, b.due_on, b.amount, b.paid, b.reduced, b.outstanding,
                   b.days_overdue,
                   EXISTS (SELECT 1 FROM \(schema).disputes x
                           WHERE x.debtor_id = b.debtor_id AND x.state = 'open'
                             AND (x.invoice_id IS NULL OR x.invoice_id = b.invoice_id)) AS disputed,
                   EXISTS (SELECT 1 FROM \(schema).payment_plans p
                           WHERE p.debtor_id = b.debtor_id AND p.state = 'active'
                             AND b.due_on < p.created_at::date) AS in_plan,
                   b.days_overdue > 0 AND EXISTS (SELECT 1 FROM \(schema).promises p
                           WHERE p.debtor_id = b.debtor_id AND p.state = 'open') AS promised
            FROM \(schema).invoice_balances b
            WHERE b.debtor_id = $1 AND b.outstanding > 0
            ORDER BY b.due_on, b.invoice_id
            """, [debtorID]).rows.map(CaseInvoiceRecord.init(row:))
    }

    /// The plan matching `condition` on `payment_plans p` (with `$1` bound to `value`): the
    /// active one first, else the latest.
    func plan(_ c: PostgresConnection, where condition: String, _ value: Int64) throws -> PlanRecord? {
        let columns = PlanRecord.columns.replacingOccurrences(of: "%SCHEMA%", with: schema)
        guard let row = try c.query("""
            SELECT \(columns) FROM \(schema).payment_plans p WHERE \(condition)
            ORDER BY p.state = 'active' DESC, p.created_at DESC, p.id DESC LIMIT 1
            """, [value]).first else { return nil }
        let id = try row.decode(Int64.self, "id")
        let instalments = try c.query("""
            SELECT number, due_on, amount FROM \(schema).plan_instalments WHERE plan_id = $1 ORDER BY number
            """, [id]).rows.map {
            (number: try $0.decode(Int.self, "number"), dueOn: try $0.decode(PostgresDate.self, "due_on"),
             amount: try $0.decode(Decimal.self, "amount"))
        }
        return try PlanRecord(row: row, instalments: instalments)
    }
}
