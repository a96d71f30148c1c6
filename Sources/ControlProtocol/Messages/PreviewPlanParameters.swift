/// Parameters of `PreviewPlan`.
public struct PreviewPlanParameters: Codable, Sendable, Equatable {
    public var tenant: String
    /// One debtor's external reference; nil for every debtor with something owed (the first
    /// 100 by reference).
    public var debtor: String?
    /// The day the preview starts (YYYY-MM-DD, in each debtor's zone); nil for now.
    public var asOf: String?
    /// The last day shown (YYYY-MM-DD); nil for 180 days after the start.
    public var until: String?

    public init(tenant: String, debtor: String? = nil, asOf: String? = nil, until: String? = nil) {
        self.tenant = tenant
        self.debtor = debtor
        self.asOf = asOf
        self.until = until
    }
}
