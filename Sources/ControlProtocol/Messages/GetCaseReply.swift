/// Reply of `GetCase`: everything about a debtor's collection in one view.
public struct GetCaseReply: Codable, Sendable, Equatable, EncodesEveryField {
    /// Who the case is about.
    public var debtor: DebtorInfo
    /// The case asked for (by id), else the debtor's open case, else its latest; nil if it never had one.
    public var `case`: CaseInfo?
    /// The next scheduled or held actions of the debtor, earliest first.
    public var scheduled: [ScheduledActionInfo]
    /// The debtor's invoices with something still owed, by due date.
    public var invoices: [CaseInvoiceInfo]
    /// The debtor's promises, newest first.
    public var promises: [PromiseInfo]
    /// The active plan, else the latest one.
    public var plan: PlanInfo?
    /// Open disputes first, then the latest resolved ones.
    public var disputes: [DisputeInfo]
    /// Reductions, credit notes and write-offs, newest first.
    public var reductions: [ReductionInfo]
    /// The debtor's open tasks.
    public var tasks: [TaskInfo]
    /// The last 20 events of the debtor, newest first.
    public var events: [EventInfo]

    /// Builds the reply.
    public init(debtor: DebtorInfo, case: CaseInfo? = nil, scheduled: [ScheduledActionInfo] = [],
                invoices: [CaseInvoiceInfo] = [], promises: [PromiseInfo] = [], plan: PlanInfo? = nil,
                disputes: [DisputeInfo] = [], reductions: [ReductionInfo] = [], tasks: [TaskInfo] = [],
                events: [EventInfo] = []) {
        self.debtor = debtor
        self.case = `case`
        self.scheduled = scheduled
        self.invoices = invoices
        self.promises = promises
        self.plan = plan
        self.disputes = disputes
        self.reductions = reductions
        self.tasks = tasks
        self.events = events
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
