/// The reports `recouvrectl report` shows, each read from one of the tenant's reporting views
/// (sql/tenant/0005_aged_balance.sql, 0006_reporting.sql; docs/reporting.md).
public enum ReportKind: String, CaseIterable, Sendable {
    /// The aged balance per currency, on a day.
    case aging
    /// Days sales outstanding by the countback method, at the twelve most recent month ends.
    case dso
    /// Cases that reached each stage, and how many paid after it.
    case funnel
    /// Amounts collected per month, by the stage that preceded the payment.
    case collected

    /// The report's heading.
    public var title: String {
        switch self {
        case .aging: "Aged balance"
        case .dso: "Days sales outstanding (countback)"
        case .funnel: "Stage funnel"
        case .collected: "Collected per month"
        }
    }

    /// Its columns, in order: the view's column name, a heading, and what the values are
    /// (text, month, amount, count, days or percent).
    public var columns: [ReportColumn] {
        switch self {
        case .aging:
            [.init("currency", "currency", .text), .init("not_yet_due", "not yet due", .amount),
             .init("days_1_30", "1–30 days", .amount), .init("days_31_60", "31–60 days", .amount),
             .init("days_61_90", "61–90 days", .amount), .init("over_90", "over 90 days", .amount),
             .init("total", "total", .amount), .init("debtors", "debtors", .count), .init("invoices", "invoices", .count)]
        case .dso:
            [.init("month", "month", .month), .init("currency", "currency", .text),
             .init("receivables", "receivables", .amount), .init("dso_days", "DSO (days)", .days)]
        case .funnel:
            [.init("stage", "stage", .text), .init("cases_reached", "cases reached", .count),
             .init("paid_after", "paid after", .count), .init("paid_share", "paid %", .percent)]
        case .collected:
            [.init("month", "month", .month), .init("currency", "currency", .text),
             .init("preceding_stage", "preceding stage", .text), .init("payments", "payments", .count),
             .init("amount", "amount", .amount)]
        }
    }
}

/// A column of a report.
public struct ReportColumn: Equatable, Sendable {
    /// What a column's values are.
    public enum Unit: String, Sendable {
        case text, month, amount, count, days, percent
    }

    public let name: String
    public let title: String
    public let unit: Unit

    init(_ name: String, _ title: String, _ unit: Unit) {
        self.name = name
        self.title = title
        self.unit = unit
    }
}
