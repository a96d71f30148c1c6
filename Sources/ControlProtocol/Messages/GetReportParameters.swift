/// Parameters of `GetReport`.
public struct GetReportParameters: Codable, Sendable, Equatable {
    /// The reports there are: `aging`, `dso`, `funnel`, `collected`.
    public static let reports = ["aging", "dso", "funnel", "collected"]

    /// The tenant's slug.
    public var slug: String
    /// Which report; one of `reports`.
    public var report: String
    /// The day of an aged balance (`YYYY-MM-DD`); nil is today in the tenant's time zone.
    /// Only `aging` takes a day: the others cover the twelve most recent months.
    public var asOf: String?

    public init(slug: String, report: String, asOf: String? = nil) {
        self.slug = slug
        self.report = report
        self.asOf = asOf
    }
}
