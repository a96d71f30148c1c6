import Foundation

/// Everything the planner needs to know about one debtor, read under the debtor's lock.
public struct DebtorSituation: Sendable, Hashable {
    public var debtorKind: DebtorKind
    /// The debtor's invoices with something still owed.
    public var invoices: [SituationInvoice]
    /// A dispute on the whole debtor is open.
    public var debtorDisputed: Bool
    public var openCase: OpenCase?
    public var promise: OpenPromise?
    public var plan: ActivePlan?
    /// Courtesy steps already executed (or given up for good) per invoice.
    public var courtesyDone: Set<CourtesyKey>
    /// Instalment reminders already executed.
    public var instalmentRemindersDone: Set<InstalmentReminderKey>
    /// Tasks the case's steps opened that are still open.
    public var openTasks: [OpenTask]

    /// Creates a situation.
    public init(debtorKind: DebtorKind, invoices: [SituationInvoice], debtorDisputed: Bool = false,
                openCase: OpenCase? = nil, promise: OpenPromise? = nil, plan: ActivePlan? = nil,
                courtesyDone: Set<CourtesyKey> = [], instalmentRemindersDone: Set<InstalmentReminderKey> = [],
                openTasks: [OpenTask] = []) {
        self.debtorKind = debtorKind
        self.invoices = invoices
        self.debtorDisputed = debtorDisputed
        self.openCase = openCase
        self.promise = promise
        self.plan = plan
        self.courtesyDone = courtesyDone
        self.instalmentRemindersDone = instalmentRemindersDone
        self.openTasks = openTasks
    }
}

/// An invoice with something still owed.
public struct SituationInvoice: Sendable, Hashable {
    public let invoiceId: Int64
    public let number: String
    public let issuedOn: CalendarDay
    public let dueOn: CalendarDay
    public let amount: Money
    public let outstanding: Money
    /// An open dispute covers this invoice.
    public let disputed: Bool

    public init(invoiceId: Int64, number: String, issuedOn: CalendarDay, dueOn: CalendarDay, amount: Money,
                outstanding: Money, disputed: Bool = false) {
        self.invoiceId = invoiceId
        self.number = number
        self.issuedOn = issuedOn
        self.dueOn = dueOn
        self.amount = amount
        self.outstanding = outstanding
        self.disputed = disputed
    }
}

/// The debtor's open case.
public struct OpenCase: Sendable, Hashable {
    public let id: Int64
    public var policyName: String
    /// The last step done (executed or skipped); 0 before the first.
    public var position: Int
    public var lastStepAt: Date?
    /// A collector asked for the next step now.
    public var expedite: Bool
    /// The stage of the last step done.
    public var stage: CollectionStage?
    public let openedAt: Date

    public init(id: Int64, policyName: String, position: Int = 0, lastStepAt: Date? = nil, expedite: Bool = false,
                stage: CollectionStage? = nil, openedAt: Date) {
        self.id = id
        self.policyName = policyName
        self.position = position
        self.lastStepAt = lastStepAt
        self.expedite = expedite
        self.stage = stage
        self.openedAt = openedAt
    }
}

/// A promise to pay that is still running.
public struct OpenPromise: Sendable, Hashable {
    public let id: Int64
    public let amount: Money
    public let promisedOn: CalendarDay
    public let graceDays: Int
    /// What the debtor paid since the promise was made.
    public let paidSince: Money

    public init(id: Int64, amount: Money, promisedOn: CalendarDay, graceDays: Int, paidSince: Money) {
        self.id = id
        self.amount = amount
        self.promisedOn = promisedOn
        self.graceDays = graceDays
        self.paidSince = paidSince
    }
}

/// One instalment of a payment plan.
public struct PlanInstalment: Sendable, Hashable {
    /// 1-based.
    public let number: Int
    public let dueOn: CalendarDay
    public let amount: Money

    public init(number: Int, dueOn: CalendarDay, amount: Money) {
        self.number = number
        self.dueOn = dueOn
        self.amount = amount
    }
}

/// A payment plan (*échéancier*) in force.
public struct ActivePlan: Sendable, Hashable {
    public let id: Int64
    /// By number.
    public let instalments: [PlanInstalment]
    public let graceDays: Int
    /// What the debtor paid since the plan was agreed; instalments are paid in order.
    public let paidSince: Money

    public init(id: Int64, instalments: [PlanInstalment], graceDays: Int, paidSince: Money) {
        self.id = id
        self.instalments = instalments.sorted { $0.number < $1.number }
        self.graceDays = graceDays
        self.paidSince = paidSince
    }
}

/// A courtesy step of one invoice.
public struct CourtesyKey: Sendable, Hashable {
    public let invoiceId: Int64
    public let position: Int

    public init(invoiceId: Int64, position: Int) {
        self.invoiceId = invoiceId
        self.position = position
    }
}

/// The two reminders of an instalment. The raw values are the templates they render.
public enum InstalmentReminderKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Three days before its due date.
    case before = "instalment_before"
    /// The day after, if still unpaid.
    case after = "instalment_after"
}

/// One reminder of one instalment of a plan.
public struct InstalmentReminderKey: Sendable, Hashable {
    public let planId: Int64
    public let instalment: Int
    public let kind: InstalmentReminderKind

    public init(planId: Int64, instalment: Int, kind: InstalmentReminderKind) {
        self.planId = planId
        self.instalment = instalment
        self.kind = kind
    }
}
