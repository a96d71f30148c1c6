import Foundation
import Postgres

// What the procedure's tables hold, as the control commands read them back.

/// A debtor as a case view shows it.
public struct CaseDebtorRecord: Sendable, Equatable {
    public let id: Int64
    public let externalRef: String
    public let name: String
    public let kind: String
    public let email: String?
    public let phone: String?
    /// The operator's policy override.
    public let policy: String?
    /// The debtor's zone, else the tenant's.
    public let timezone: String

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        externalRef = try row.decode(String.self, "external_ref")
        name = try row.decode(String.self, "name")
        kind = try row.decode(String.self, "kind")
        email = try row.decodeIfPresent(String.self, "email")
        phone = try row.decodeIfPresent(String.self, "phone")
        policy = try row.decodeIfPresent(String.self, "policy")
        timezone = try row.decode(String.self, "timezone")
    }
}

/// A row of `cases`.
public struct CaseRecord: Sendable, Equatable {
    public let id: Int64
    public let debtorID: Int64
    public let policy: String
    public let state: String
    public let stage: String?
    public let position: Int
    public let expedite: Bool
    public let openedAt: Date
    public let lastStepAt: Date?
    public let closedAt: Date?
    public let closeReason: String?

    static let columns = "id, debtor_id, policy, state, stage, position, expedite, opened_at, last_step_at, closed_at, close_reason"

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        debtorID = try row.decode(Int64.self, "debtor_id")
        policy = try row.decode(String.self, "policy")
        state = try row.decode(String.self, "state")
        stage = try row.decodeIfPresent(String.self, "stage")
        position = try row.decode(Int.self, "position")
        expedite = try row.decode(Bool.self, "expedite")
        openedAt = try row.decode(Date.self, "opened_at")
        lastStepAt = try row.decodeIfPresent(Date.self, "last_step_at")
        closedAt = try row.decodeIfPresent(Date.self, "closed_at")
        closeReason = try row.decodeIfPresent(String.self, "close_reason")
    }
}

/// An action still to come for a debtor, with its due time in the debtor's zone.
public struct ScheduledActionRecord: Sendable, Equatable {
    public let id: Int64
    public let kind: String
    public let state: String
    public let channel: String
    public let step: Int
    public let stage: String?
    public let template: String?
    public let dueAt: Date
    /// `YYYY-MM-DD HH:MM` in the debtor's zone.
    public let dueLocal: String

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        kind = try row.decode(String.self, "kind")
        state = try row.decode(String.self, "state")
        channel = try row.decode(String.self, "channel")
        step = try row.decode(Int.self, "step")
        stage = try row.decodeIfPresent(String.self, "stage")
        template = try row.decodeIfPresent(String.self, "template")
        dueAt = try row.decode(Date.self, "due_at")
        dueLocal = try row.decode(String.self, "due_local")
    }
}

/// An open invoice with its balance and what covers it.
public struct CaseInvoiceRecord: Sendable, Equatable {
    public let id: Int64
    public let number: String
    public let currency: String
    public let issuedOn: PostgresDate
    public let dueOn: PostgresDate
    public let amount: Decimal
    public let paid: Decimal
    public let reduced: Decimal
    public let outstanding: Decimal
    public let daysOverdue: Int
    public let disputed: Bool
    public let inPlan: Bool
    public let promised: Bool

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "invoice_id")
        number = try row.decode(String.self, "number")
        currency = try row.decode(String.self, "currency")
        issuedOn = try row.decode(PostgresDate.self, "issued_on")
        dueOn = try row.decode(PostgresDate.self, "due_on")
        amount = try row.decode(Decimal.self, "amount")
        paid = try row.decode(Decimal.self, "paid")
        reduced = try row.decode(Decimal.self, "reduced")
        outstanding = try row.decode(Decimal.self, "outstanding")
        daysOverdue = try row.decode(Int.self, "days_overdue")
        disputed = try row.decode(Bool.self, "disputed")
        inPlan = try row.decode(Bool.self, "in_plan")
        promised = try row.decode(Bool.self, "promised")
    }
}

/// A row of `promises`.
public struct PromiseRecord: Sendable, Equatable {
    public let id: Int64
    public let amount: Decimal
    public let currency: String
    public let promisedOn: PostgresDate
    public let graceDays: Int
    public let state: String
    public let note: String?
    public let madeBy: String
    public let madeAt: Date
    public let settledAt: Date?

    static let columns = "id, amount, currency, promised_on, grace_days, state, note, made_by, made_at, settled_at"

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        amount = try row.decode(Decimal.self, "amount")
        currency = try row.decode(String.self, "currency")
        promisedOn = try row.decode(PostgresDate.self, "promised_on")
        graceDays = try row.decode(Int.self, "grace_days")
        state = try row.decode(String.self, "state")
        note = try row.decodeIfPresent(String.self, "note")
        madeBy = try row.decode(String.self, "made_by")
        madeAt = try row.decode(Date.self, "made_at")
        settledAt = try row.decodeIfPresent(Date.self, "settled_at")
    }
}

/// A row of `plan_instalments`, with whether payments since the plan began cover it.
public struct InstalmentRecord: Sendable, Equatable {
    public let number: Int
    public let dueOn: PostgresDate
    public let amount: Decimal
    public let paid: Bool
}

/// A row of `payment_plans` with its instalments.
public struct PlanRecord: Sendable, Equatable {
    public let id: Int64
    public let state: String
    public let currency: String
    public let total: Decimal
    public let graceDays: Int
    /// The debtor's payments since the plan was created.
    public let paidSince: Decimal
    public let note: String?
    public let createdBy: String
    public let createdAt: Date
    public let endedAt: Date?
    public let instalments: [InstalmentRecord]

    static let columns = """
        p.id, p.state, p.currency, p.total, p.grace_days, p.note, p.created_by, p.created_at, p.ended_at,
        (SELECT coalesce(sum(amount), 0) FROM %SCHEMA%.payments
         WHERE debtor_id = p.debtor_id AND currency = p.currency) - p.paid_before AS paid_since
        """

    init(row: PostgresRow, instalments: [(number: Int, dueOn: PostgresDate, amount: Decimal)]) throws {
        id = try row.decode(Int64.self, "id")
        state = try row.decode(String.self, "state")
        currency = try row.decode(String.self, "currency")
        total = try row.decode(Decimal.self, "total")
        graceDays = try row.decode(Int.self, "grace_days")
        paidSince = try row.decode(Decimal.self, "paid_since")
        note = try row.decodeIfPresent(String.self, "note")
        createdBy = try row.decode(String.self, "created_by")
        createdAt = try row.decode(Date.self, "created_at")
        endedAt = try row.decodeIfPresent(Date.self, "ended_at")
        // Instalment k is paid when what was paid since covers instalments 1 to k.
        var cumulative: Decimal = 0
        let paidSince = self.paidSince
        self.instalments = instalments.map { instalment in
            cumulative += instalment.amount
            return InstalmentRecord(number: instalment.number, dueOn: instalment.dueOn, amount: instalment.amount,
                                    paid: paidSince >= cumulative)
        }
    }
}

/// A row of `disputes`, with its invoice's number.
public struct DisputeRecord: Sendable, Equatable {
    public let id: Int64
    public let debtorID: Int64
    public let invoiceNumber: String?
    public let state: String
    public let reason: String
    public let resolution: String?
    public let resolutionNote: String?
    public let openedBy: String
    public let openedAt: Date
    public let resolvedBy: String?
    public let resolvedAt: Date?

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        debtorID = try row.decode(Int64.self, "debtor_id")
        invoiceNumber = try row.decodeIfPresent(String.self, "invoice_number")
        state = try row.decode(String.self, "state")
        reason = try row.decode(String.self, "reason")
        resolution = try row.decodeIfPresent(String.self, "resolution")
        resolutionNote = try row.decodeIfPresent(String.self, "resolution_note")
        openedBy = try row.decode(String.self, "opened_by")
        openedAt = try row.decode(Date.self, "opened_at")
        resolvedBy = try row.decodeIfPresent(String.self, "resolved_by")
        resolvedAt = try row.decodeIfPresent(Date.self, "resolved_at")
    }
}

/// A row of `reductions`, with its invoice's number.
public struct ReductionRecord: Sendable, Equatable {
    public let id: Int64
    public let invoiceNumber: String
    public let kind: String
    public let amount: Decimal
    public let currency: String
    public let reason: String
    public let grantedBy: String
    public let grantedOn: PostgresDate

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        invoiceNumber = try row.decode(String.self, "invoice_number")
        kind = try row.decode(String.self, "kind")
        amount = try row.decode(Decimal.self, "amount")
        currency = try row.decode(String.self, "currency")
        reason = try row.decode(String.self, "reason")
        grantedBy = try row.decode(String.self, "granted_by")
        grantedOn = try row.decode(PostgresDate.self, "granted_on")
    }
}

/// A row of `tasks`, with its debtor's reference and name.
public struct TaskRecord: Sendable, Equatable {
    public let id: Int64
    public let debtorID: Int64
    public let debtorRef: String
    public let debtorName: String
    public let caseID: Int64?
    public let actionID: Int64?
    public let kind: String
    public let state: String
    public let title: String
    public let deadline: Date?
    public let createdAt: Date
    public let completedAt: Date?
    public let completedBy: String?
    /// JSON text.
    public let outcome: String?
    /// When it was found open past its deadline.
    public let overdueAt: Date?

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        overdueAt = try row.decodeIfPresent(Date.self, "overdue_at")
        debtorID = try row.decode(Int64.self, "debtor_id")
        debtorRef = try row.decode(String.self, "external_ref")
        debtorName = try row.decode(String.self, "name")
        caseID = try row.decodeIfPresent(Int64.self, "case_id")
        actionID = try row.decodeIfPresent(Int64.self, "action_id")
        kind = try row.decode(String.self, "kind")
        state = try row.decode(String.self, "state")
        title = try row.decode(String.self, "title")
        deadline = try row.decodeIfPresent(Date.self, "deadline")
        createdAt = try row.decode(Date.self, "created_at")
        completedAt = try row.decodeIfPresent(Date.self, "completed_at")
        completedBy = try row.decodeIfPresent(String.self, "completed_by")
        outcome = try row.decodeIfPresent(String.self, "outcome")
    }
}

/// A row of `events`.
public struct EventRecord: Sendable, Equatable {
    public let id: Int64
    public let occurredAt: Date
    public let kind: String
    public let invoiceID: Int64?
    public let actionID: Int64?
    public let actor: String
    /// JSON text.
    public let detail: String

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        occurredAt = try row.decode(Date.self, "occurred_at")
        kind = try row.decode(String.self, "kind")
        invoiceID = try row.decodeIfPresent(Int64.self, "invoice_id")
        actionID = try row.decodeIfPresent(Int64.self, "action_id")
        actor = try row.decode(String.self, "actor")
        detail = try row.decode(String.self, "detail")
    }
}

/// A row of `payments`, with its invoice's number.
public struct PaymentRecord: Sendable, Equatable {
    public let id: Int64
    public let debtorID: Int64
    public let invoiceNumber: String?
    public let amount: Decimal
    public let currency: String
    public let receivedOn: PostgresDate
    public let reference: String?

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        debtorID = try row.decode(Int64.self, "debtor_id")
        invoiceNumber = try row.decodeIfPresent(String.self, "invoice_number")
        amount = try row.decode(Decimal.self, "amount")
        currency = try row.decode(String.self, "currency")
        receivedOn = try row.decode(PostgresDate.self, "received_on")
        reference = try row.decodeIfPresent(String.self, "reference")
    }
}

/// Something the command names does not exist in the tenant.
public struct NotFoundError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `debtor`, `invoice`, `case`, `dispute`, `task` or `policy`.
    public let what: String
    /// The reference, number, id or name given.
    public let key: String
    public var description: String { "\(what) '\(key)' not found" }

    public init(what: String, key: String) {
        self.what = what
        self.key = key
    }
}

/// The parameters given do not fit what they apply to (e.g. an approval for a call task).
public struct MisfitError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let reason: String
    public var description: String { "\(field): \(reason)" }
}
