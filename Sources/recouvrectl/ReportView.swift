import ControlProtocol
import RecouvreCharts
import RecouvreCore

/// A report for people: a heading, the table with figures right-aligned, then a bar chart
/// per currency drawn with block characters.
struct ReportView {
    let report: ReportInfo
    /// Only this currency, when given.
    let currency: String?
    let colours: Bool

    var text: String {
        let charts = ReportChart(report: report)
        let currencyColumn = report.column("currency")
        let shown = currency?.uppercased()
        let rows = report.rows.filter { row in
            guard let shown, let currencyColumn else { return true }
            return row.values[currencyColumn] == shown
        }
        var parts = [Style.bold("\(report.title) — \(report.tenant), \(report.report == "aging" ? "as of" : "to") \(report.asOf)")]
        guard !rows.isEmpty else {
            parts.append("nothing to report" + (shown.map { " in \($0)" } ?? ""))
            return parts.joined(separator: "\n")
        }
        parts.append(table(rows).rendered)
        let currencies = currencyColumn == nil ? [nil] : charts.currencies.filter { shown == nil || $0 == shown }.map(Optional.some)
        for currency in currencies {
            let chart = charts.chart(currency: currency)
            let lines = TerminalBarChart(chart: chart, barWidth: 40, colour: colours).lines { series, category in
                charts.figure(chart, series: series, category: category)
            }
            parts.append(Style.bold(chart.title) + "\n" + lines.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n")
    }

    /// The table: headings from the columns' titles, figures right-aligned and grouped.
    private func table(_ rows: [ReportRowInfo]) -> Table {
        let numeric = report.columns.map { ["amount", "count", "days", "percent"].contains($0.unit) }
        var cells = rows.map { row in
            row.values.enumerated().map { index, value in
                guard let value else { return "—" }
                return numeric[index] ? ThousandsGrouping.grouped(value, separator: " ") : value
            }
        }
        let headers = report.columns.map { $0.title.uppercased() }
        for column in report.columns.indices where numeric[column] {
            let width = max(cells.map { $0[column].displayWidth }.max() ?? 0, headers[column].displayWidth)
            for row in cells.indices {
                cells[row][column] = String(repeating: " ", count: width - cells[row][column].displayWidth) + cells[row][column]
            }
        }
        return Table(headers: headers, rows: cells)
    }

    /// RFC 4180 CSV: the columns' names, then the rows, exact decimals with a dot.
    static func csv(_ report: ReportInfo) -> String {
        func field(_ value: String?) -> String {
            guard let value else { return "" }
            guard value.contains(where: { [",", "\"", "\n", "\r"].contains($0) }) else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        let lines = [report.columns.map { field($0.name) }.joined(separator: ",")]
            + report.rows.map { $0.values.map(field).joined(separator: ",") }
        return lines.joined(separator: "\n")
    }
}
