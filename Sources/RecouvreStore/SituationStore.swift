import Foundation
import Postgres
import RecouvreCore

/// Reads what the planner needs about one debtor: open invoices, disputes, the open case,
/// promises and plans, and what has already been done. Run it after locking the debtor
/// (`ActionStore.lockDebtor`), so that negotiation functions, which lock the debtor too, wait.
public struct SituationStore: Sendable {
    public let slug: TenantSlug
    private var schema: String { slug.quotedSchema }

    public init(slug: TenantSlug) { self.slug = slug }

    /// The debtor's situation. `executing` is an action being run now: it does not count as
    /// done, so that the planner still lists it and the run can check it is still wanted.
    public func situation(_ c: PostgresConnection, debtor: DebtorRecord, executing: Int64? = nil) throws -> DebtorSituation {
        let invoices = try c.query("""
            SELECT b.invoice_id, b.number, b.currency, b.issued_on, b.due_on, b.amount, b.outstanding,
                   EXISTS (SELECT 1 FROM \(schema).disputes d
                           WHERE d.debtor_id = b.debtor_id AND d.invoice_id = b.invoice_id AND d.state = 'open') AS disputed
            FROM \(schema).invoice_balances b
            WHERE b.debtor_id = $1 AND b.outstanding > 0
            ORDER BY b.due_on, b.invoice_id
            """, [debtor.id]).rows.map(Self.invoice(row:))
        let debtorDisputed = try c.query("""
            SELECT EXISTS (SELECT 1 FROM \(schema).disputes
                           WHERE debtor_id = $1 AND invoice_id IS NULL AND state = 'open') AS disputed
            """, [debtor.id]).first.map { try $0.decode(Bool.self, "disputed") } ?? false
        // Per currency: a promise or plan in euros is kept by euros only.
        let paidTotal = Dictionary(uniqueKeysWithValues: try c.query("""
            SELECT currency, sum(amount) AS paid FROM \(schema).payments WHERE debtor_id = $1 GROUP BY currency
            """, [debtor.id]).rows.map { (try $0.decode(String.self, "currency"), try $0.decode(Decimal.self, "paid")) })
        let done = try c.query("""
            SELECT kind, invoice_id, plan_id, instalment, step, template FROM \(schema).actions
            WHERE debtor_id = $1 AND kind IN ('courtesy', 'instalment_reminder')
              AND state NOT IN ('scheduled', 'held', 'cancelled') AND id IS DISTINCT FROM $2
            """, [debtor.id, executing])
        var courtesyDone: Set<CourtesyKey> = []
        var instalmentsDone: Set<InstalmentReminderKey> = []
        for row in done.rows {
            if try row.decode(String.self, "kind") == "courtesy", let invoice = try row.decodeIfPresent(Int64.self, "invoice_id") {
                courtesyDone.insert(CourtesyKey(invoiceId: invoice, position: try row.decode(Int.self, "step")))
            } else if let plan = try row.decodeIfPresent(Int64.self, "plan_id"),
                      let number = try row.decodeIfPresent(Int.self, "instalment"),
                      let kind = InstalmentReminderKind(rawValue: try row.decodeIfPresent(String.self, "template") ?? "") {
                instalmentsDone.insert(InstalmentReminderKey(planId: plan, instalment: number, kind: kind))
            }
        }
        let openCase = try openCase(c, debtorID: debtor.id)
        return DebtorSituation(
            debtorKind: DebtorKind(rawValue: debtor.kind) ?? .business,
            invoices: invoices,
            debtorDisputed: debtorDisputed,
            openCase: openCase,
            promise: try promise(c, debtorID: debtor.id, paidTotal: paidTotal),
            plan: try plan(c, debtorID: debtor.id, paidTotal: paidTotal),
            courtesyDone: courtesyDone,
            instalmentRemindersDone: instalmentsDone,
            openTasks: try openCase.map { try TaskDeadlineStore(slug: slug).openTasks(c, debtorID: debtor.id, caseID: $0.id) } ?? [])
    }

    /// A debtor, without locking it (previews and reports).
    public func debtor(_ c: PostgresConnection, id: Int64) throws -> DebtorRecord? {
        try c.query("SELECT \(DebtorRecord.columns) FROM \(schema).debtors WHERE id = $1", [id]).first.map(DebtorRecord.init(row:))
    }

    /// The debtor's open case.
    public func openCase(_ c: PostgresConnection, debtorID: Int64) throws -> OpenCase? {
        try c.query("""
            SELECT id, policy, position, last_step_at, expedite, stage, opened_at FROM \(schema).cases
            WHERE debtor_id = $1 AND state = 'open'
            """, [debtorID]).first.map { row in
            OpenCase(id: try row.decode(Int64.self, "id"), policyName: try row.decode(String.self, "policy"),
                     position: try row.decode(Int.self, "position"), lastStepAt: try row.decodeIfPresent(Date.self, "last_step_at"),
                     expedite: try row.decode(Bool.self, "expedite"),
                     stage: try row.decodeIfPresent(String.self, "stage").flatMap(CollectionStage.init(rawValue:)),
                     openedAt: try row.decode(Date.self, "opened_at"))
        }
    }

    /// The debtor's per-debtor policy override, if any.
    public func policyOverride(_ c: PostgresConnection, debtorID: Int64) throws -> String? {
        try c.query("SELECT policy FROM \(schema).debtors WHERE id = $1", [debtorID])
            .first.flatMap { try $0.decodeIfPresent(String.self, "policy") }
    }

    /// Every policy of the tenant with its steps.
    public func policies(_ c: PostgresConnection) throws -> [CollectionPolicy] {
        let steps = try c.query("""
            SELECT policy, position, offset_days, stage, channel, template, min_outstanding, max_outstanding,
                   requires_approval, to_char(send_at, 'HH24:MI') AS send_at, attach_statement, when_overdue
            FROM \(schema).policy_steps ORDER BY policy, position
            """).rows
        var byPolicy: [String: [PolicyStep]] = [:]
        for row in steps {
            byPolicy[try row.decode(String.self, "policy"), default: []].append(try PolicyStore.step(row: row))
        }
        return try c.query("""
            SELECT name, description, debtor_kind, min_outstanding, priority, grace_days FROM \(schema).policies ORDER BY name
            """).rows.map { row in
            let name = try row.decode(String.self, "name")
            return CollectionPolicy(
                name: name, description: try row.decode(String.self, "description"),
                debtorKind: try row.decodeIfPresent(String.self, "debtor_kind").flatMap(DebtorKind.init(rawValue:)),
                minOutstanding: try row.decode(Decimal.self, "min_outstanding"), priority: try row.decode(Int.self, "priority"),
                graceDays: try row.decode(Int.self, "grace_days"), steps: byPolicy[name] ?? [])
        }
    }

    private func promise(_ c: PostgresConnection, debtorID: Int64, paidTotal: [String: Decimal]) throws -> OpenPromise? {
        try c.query("""
            SELECT id, amount, currency, promised_on, grace_days, paid_before FROM \(schema).promises
            WHERE debtor_id = $1 AND state = 'open' ORDER BY id DESC LIMIT 1
            """, [debtorID]).first.map { row in
            let currency = try row.decode(String.self, "currency")
            return OpenPromise(id: try row.decode(Int64.self, "id"),
                               amount: Money(amount: try row.decode(Decimal.self, "amount"), currency: currency),
                               promisedOn: try Self.day(row, "promised_on"), graceDays: try row.decode(Int.self, "grace_days"),
                               paidSince: Money(amount: max(0, (paidTotal[currency] ?? 0) - (try row.decode(Decimal.self, "paid_before"))),
                                                currency: currency))
        }
    }

    private func plan(_ c: PostgresConnection, debtorID: Int64, paidTotal: [String: Decimal]) throws -> ActivePlan? {
        guard let row = try c.query("""
            SELECT id, currency, grace_days, paid_before FROM \(schema).payment_plans
            WHERE debtor_id = $1 AND state = 'active' ORDER BY id DESC LIMIT 1
            """, [debtorID]).first else { return nil }
        let id = try row.decode(Int64.self, "id"), currency = try row.decode(String.self, "currency")
        let instalments = try c.query("""
            SELECT number, due_on, amount FROM \(schema).plan_instalments WHERE plan_id = $1 ORDER BY number
            """, [id]).rows.map { row in
            PlanInstalment(number: try row.decode(Int.self, "number"), dueOn: try Self.day(row, "due_on"),
                           amount: Money(amount: try row.decode(Decimal.self, "amount"), currency: currency))
        }
        return ActivePlan(id: id, instalments: instalments, graceDays: try row.decode(Int.self, "grace_days"),
                          paidSince: Money(amount: max(0, (paidTotal[currency] ?? 0) - (try row.decode(Decimal.self, "paid_before"))),
                                           currency: currency))
    }

    static func invoice(row: PostgresRow) throws -> SituationInvoice {
        let currency = try row.decode(String.self, "currency")
        return SituationInvoice(
            invoiceId: try row.decode(Int64.self, "invoice_id"), number: try row.decode(String.self, "number"),
            issuedOn: try day(row, "issued_on"), dueOn: try day(row, "due_on"),
            amount: Money(amount: try row.decode(Decimal.self, "amount"), currency: currency),
            outstanding: Money(amount: try row.decode(Decimal.self, "outstanding"), currency: currency),
            disputed: try row.decode(Bool.self, "disputed"))
    }

    static func day(_ row: PostgresRow, _ column: String) throws -> CalendarDay {
        let date = try row.decode(PostgresDate.self, column)
        return CalendarDay(year: date.year, month: date.month, day: date.day)
    }
}
