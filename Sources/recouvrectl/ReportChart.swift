import ControlProtocol
import Foundation
import RecouvreCharts
import RecouvreCore
import RecouvreStore

/// Turns a report's rows into the bar chart that shows them, one currency at a time.
///
/// aging: the five age buckets; dso: DSO at each month end; funnel: cases that reached each
/// stage beside those that paid after it; collected: each month's collections stacked by the
/// stage that preceded them. Bars are plotted from the exact figures, which are also what
/// the chart prints.
struct ReportChart {
    let report: ReportInfo

    /// The stages in procedure order, "none" (nothing sent before the payment) first.
    static let stageOrder = ["none", "reminder", "call", "formal_notice", "agency", "small_claims", "legal"]

    /// The currencies the report has figures in, in its order; empty for the funnel, which
    /// counts cases.
    var currencies: [String] {
        guard let column = report.column("currency") else { return [] }
        var seen: [String] = []
        for row in report.rows {
            if let currency = row.values[column], !seen.contains(currency) { seen.append(currency) }
        }
        return seen
    }

    /// The currency a single chart shows: the one asked for, else EUR when there, else the first.
    func currency(asked: String?) throws -> String? {
        let all = currencies
        if let asked {
            let upper = asked.uppercased()
            guard all.contains(upper) || all.isEmpty else {
                throw CommandFailure(message: "no figures in \(upper) in this report; it has \(all.joined(separator: ", "))",
                                     status: ExitStatus.refused)
            }
            return all.isEmpty ? nil : upper
        }
        return all.contains("EUR") ? "EUR" : all.first
    }

    /// The chart for `currency` (nil for the funnel).
    func chart(currency: String?) -> BarChart {
        let rows = report.rows.filter { row in
            guard let currency, let column = report.column("currency") else { return true }
            return row.values[column] == currency
        }
        let subtitle = "\(report.tenant) · \(report.report == "aging" ? "as of" : "to") \(report.asOf)"
        let title = report.title + (currency.map { " — \($0)" } ?? "")
        switch report.report {
        case "aging":
            let buckets = ["not_yet_due", "days_1_30", "days_31_60", "days_61_90", "over_90"]
            let row = rows.first
            let figures = buckets.map { name in row.flatMap { $0.values[report.column(name)!] } ?? "0.00" }
            return BarChart(title: title, subtitle: subtitle,
                            categories: buckets.map { name in report.columns[report.column(name)!].title },
                            series: [BarSeries(name: currency ?? "", values: figures.map(Self.plotted),
                                               labels: figures.map { ThousandsGrouping.grouped($0, separator: "\u{202F}") })],
                            unit: currency)
        case "dso":
            let month = report.column("month")!, dso = report.column("dso_days")!
            let figures = rows.map { $0.values[dso] }
            return BarChart(title: title, subtitle: subtitle, categories: rows.map { $0.values[month] ?? "" },
                            series: [BarSeries(name: "DSO", values: figures.map { Self.plotted($0 ?? "0") },
                                               labels: figures.map { $0 ?? "—" })],
                            unit: "days")
        case "funnel":
            let stage = report.column("stage")!, reached = report.column("cases_reached")!, paid = report.column("paid_after")!
            return BarChart(title: title, subtitle: subtitle, categories: rows.map { $0.values[stage] ?? "" },
                            series: [("cases reached", reached), ("paid after", paid)].map { name, column in
                                let figures = rows.map { $0.values[column] ?? "0" }
                                return BarSeries(name: name, values: figures.map(Self.plotted), labels: figures.map { ThousandsGrouping.grouped($0, separator: " ") })
                            },
                            unit: "cases")
        default:
            let monthColumn = report.column("month")!, stageColumn = report.column("preceding_stage")!
            let amountColumn = report.column("amount")!
            let months = Set(rows.compactMap { $0.values[monthColumn] }).sorted()
            let present = Set(rows.compactMap { $0.values[stageColumn] })
            let stages = Self.stageOrder.filter(present.contains) + present.subtracting(Self.stageOrder).sorted()
            func sum(_ month: String, _ stage: String?) -> Decimal {
                rows.filter { $0.values[monthColumn] == month && (stage == nil || $0.values[stageColumn] == stage) }
                    .reduce(Decimal(0)) { $0 + ($1.values[amountColumn].flatMap { Money(parsing: $0) }?.amount ?? 0) }
            }
            return BarChart(title: title, subtitle: subtitle, categories: months,
                            series: stages.map { stage in
                                BarSeries(name: stage, values: months.map { Self.plotted(sum($0, stage)) })
                            },
                            arrangement: .stacked, unit: currency,
                            totalLabels: months.map { ThousandsGrouping.grouped(MoneyText.twoDecimals(sum($0, nil)), separator: "\u{202F}") })
        }
    }

    /// The exact figure printed after each terminal bar (each series' label, or a stack's total).
    func figure(_ chart: BarChart, series: Int?, category: Int) -> String {
        let label = if let series { chart.series[series].labels?[category] } else { chart.totalLabels?[category] }
        return label?.replacingOccurrences(of: "\u{202F}", with: " ") ?? ""
    }

    /// A figure as a plot position only: never used as an amount.
    static func plotted(_ text: String) -> Double { Double(text) ?? 0 }
    static func plotted(_ value: Decimal) -> Double { NSDecimalNumber(decimal: value).doubleValue }
}
