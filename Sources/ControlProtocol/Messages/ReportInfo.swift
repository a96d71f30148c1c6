/// A report on a tenant's data, as its reporting view gives it: columns, then rows of values
/// in column order. Figures are exact decimals as text, never floating point.
public struct ReportInfo: Codable, Sendable, Equatable {
    /// `aging`, `dso`, `funnel` or `collected`.
    public var report: String
    /// A heading for people, e.g. "Aged balance".
    public var title: String
    public var tenant: String
    /// The day the figures are for (`YYYY-MM-DD`, tenant time zone).
    public var asOf: String
    public var columns: [ReportColumnInfo]
    public var rows: [ReportRowInfo]

    public init(report: String, title: String, tenant: String, asOf: String, columns: [ReportColumnInfo], rows: [ReportRowInfo]) {
        self.report = report
        self.title = title
        self.tenant = tenant
        self.asOf = asOf
        self.columns = columns
        self.rows = rows
    }

    /// The index of the column called `name`.
    public func column(_ name: String) -> Int? {
        columns.firstIndex { $0.name == name }
    }
}

/// A column of a report.
public struct ReportColumnInfo: Codable, Sendable, Equatable {
    /// The kinds of value a column holds.
    public static let units = ["text", "month", "amount", "count", "days", "percent"]

    /// The name of the view's column, e.g. `days_1_30`.
    public var name: String
    /// The heading for people, e.g. "1–30 days".
    public var title: String
    /// One of `units`: how to align and chart it.
    public var unit: String

    public init(name: String, title: String, unit: String) {
        self.name = name
        self.title = title
        self.unit = unit
    }
}

/// One row of a report; nil where the view has NULL (e.g. a share of nothing).
public struct ReportRowInfo: Codable, Sendable, Equatable {
    public var values: [String?]

    public init(values: [String?]) {
        self.values = values
    }

    /// Encodes every value, NULLs as `null`, so that every row has one value per column.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        var list = c.nestedUnkeyedContainer(forKey: .values)
        for value in values {
            if let value { try list.encode(value) } else { try list.encodeNil() }
        }
    }
}

/// Reply of `GetReport`.
public struct GetReportReply: Codable, Sendable, Equatable {
    public var report: ReportInfo

    public init(report: ReportInfo) {
        self.report = report
    }
}
