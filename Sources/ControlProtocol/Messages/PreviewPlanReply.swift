/// Reply of `PreviewPlan`: what the daemon would do, debtor by debtor, if nobody paid.
public struct PreviewPlanReply: Codable, Sendable, Equatable {
    public var debtors: [DebtorTimeline]
    /// More debtors owe something than the preview shows.
    public var truncated: Bool

    public init(debtors: [DebtorTimeline], truncated: Bool) {
        self.debtors = debtors
        self.truncated = truncated
    }
}

/// One debtor's preview.
public struct DebtorTimeline: Codable, Sendable, Equatable {
    public var debtor: String
    public var name: String
    /// The policy followed; nil when none fits the debtor.
    public var policy: String?
    /// The zone the local times are in.
    public var timeZone: String
    public var entries: [TimelineLine]

    public init(debtor: String, name: String, policy: String?, timeZone: String, entries: [TimelineLine]) {
        self.debtor = debtor
        self.name = name
        self.policy = policy
        self.timeZone = timeZone
        self.entries = entries
    }
}

/// One line of a preview.
public struct TimelineLine: Codable, Sendable, Equatable {
    /// ISO 8601, UTC.
    public var at: String
    /// `YYYY-MM-DD HH:MM` in the debtor's zone.
    public var local: String
    /// `step`, `courtesy`, `instalment_before`, `instalment_after`, `case_opened`, `case_closed`,
    /// `promise_kept`, `promise_broken`, `plan_completed`, `plan_broken`.
    public var event: String
    /// The policy position or instalment number, for work.
    public var position: Int?
    public var stage: String?
    public var channel: String?
    public var template: String?
    /// A person approves it before it goes.
    public var requiresApproval: Bool
    /// Invoice numbers it is about.
    public var invoices: [String]
    /// For work, the outstanding of the invoices it is about; otherwise the collectible
    /// principal then. E.g. `1250.40 EUR`, one per currency.
    public var principal: [String]
    /// For a formal notice and later stages: principal, penalties and indemnity on that day
    /// (`claim_statement`), per currency.
    public var claimTotal: [String]?
    /// Why, for changes (e.g. the close reason or the missed instalment).
    public var detail: String?

    public init(at: String, local: String, event: String, position: Int? = nil, stage: String? = nil, channel: String? = nil,
                template: String? = nil, requiresApproval: Bool = false, invoices: [String] = [], principal: [String] = [],
                claimTotal: [String]? = nil, detail: String? = nil) {
        self.at = at
        self.local = local
        self.event = event
        self.position = position
        self.stage = stage
        self.channel = channel
        self.template = template
        self.requiresApproval = requiresApproval
        self.invoices = invoices
        self.principal = principal
        self.claimTotal = claimTotal
        self.detail = detail
    }

    /// Encodes every field, absent optionals as `null`, so that `--json` output keeps one shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(at, forKey: .at)
        try c.encode(local, forKey: .local)
        try c.encode(event, forKey: .event)
        try c.encode(position, forKey: .position)
        try c.encode(stage, forKey: .stage)
        try c.encode(channel, forKey: .channel)
        try c.encode(template, forKey: .template)
        try c.encode(requiresApproval, forKey: .requiresApproval)
        try c.encode(invoices, forKey: .invoices)
        try c.encode(principal, forKey: .principal)
        try c.encode(claimTotal, forKey: .claimTotal)
        try c.encode(detail, forKey: .detail)
    }
}
