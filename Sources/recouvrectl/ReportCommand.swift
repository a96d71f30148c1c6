import ArgumentParser
import ControlProtocol
import Foundation
import RecouvreCharts

/// `recouvrectl report aging|dso|funnel|collected`.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Show a tenant's report as a table and a bar chart, or write it as CSV, PNG or SVG.",
        discussion: """
            REPORT is one of:
              aging      the aged balance per currency (not yet due, 1–30, 31–60, 61–90, over 90 days)
              dso        days sales outstanding by the countback method, at the last 12 month ends
              funnel     cases that reached each stage, and how many paid after it
              collected  amounts collected per month (the last 12), by the stage that preceded the payment

            The figures come from the tenant's reporting views (docs/reporting.md); they are exact
            decimals, printed as PostgreSQL computed them. A chart shows one currency: --currency,
            else EUR when the report has it, else its first currency. --png and --svg draw it with
            cairo; the table is still printed (or the JSON, with --json).

            Examples:
              recouvrectl report aging --tenant acme
              recouvrectl report aging --tenant acme --as-of 2026-06-30 --csv > aging.csv
              recouvrectl report collected --tenant acme --currency EUR --png collected.png
              recouvrectl report funnel --tenant acme --svg funnel.svg --json
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: ArgumentHelp("aging, dso, funnel or collected.", valueName: "report")) var report: String
    @Option(help: "The tenant's slug.") var tenant: String
    @Option(name: .customLong("as-of"), help: ArgumentHelp("aging only: the day (YYYY-MM-DD; default: today in the tenant's zone).",
                                                           valueName: "day"))
    var asOf: String?
    @Option(help: ArgumentHelp("Show this currency only (ISO 4217, e.g. EUR).", valueName: "code")) var currency: String?
    @Flag(help: "Print the rows as CSV (comma-separated, a header line, exact decimals) instead of the table.") var csv = false
    @Option(help: ArgumentHelp("Also draw the chart to this PNG file.", valueName: "file")) var png: String?
    @Option(help: ArgumentHelp("Also draw the chart to this SVG file.", valueName: "file")) var svg: String?
    @Option(help: ArgumentHelp("The image's width, in pixels (PNG) or points (SVG).", valueName: "n")) var width = 960
    @Option(help: ArgumentHelp("The image's height.", valueName: "n")) var height = 540

    func validate() throws {
        guard GetReportParameters.reports.contains(report) else {
            throw ValidationError("'\(report)' is not a report: use one of \(GetReportParameters.reports.joined(separator: ", "))")
        }
        try Validate.slug(tenant)
        if asOf != nil, report != "aging" {
            throw ValidationError("--as-of is for the aging report only; \(report) covers the twelve most recent months")
        }
        if let asOf, asOf.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) == nil {
            throw ValidationError("--as-of \(asOf): write the day as YYYY-MM-DD")
        }
        if let currency, currency.wholeMatch(of: /[A-Za-z]{3}/) == nil {
            throw ValidationError("--currency \(currency): give an ISO 4217 code such as EUR")
        }
        if csv, options.json { throw ValidationError("--csv and --json each choose the output: give one") }
        guard (200...4000).contains(width), (150...4000).contains(height) else {
            throw ValidationError("--width must be 200 to 4000 and --height 150 to 4000")
        }
        for (flag, file, format) in [("--png", png, ChartFormat.png), ("--svg", svg, .svg)] {
            if let file, file.isEmpty || file == "-" { throw ValidationError("\(flag) needs a file name") }
            if let file, let named = ChartFormat(fileName: file), named != format {
                throw ValidationError("\(flag) \(file): the name ends in .\(named.rawValue); use --\(named.rawValue) for that")
            }
        }
    }

    func run() throws {
        let parameters = GetReportParameters(slug: tenant, report: report, asOf: asOf)
        let files = [(png, ChartFormat.png), (svg, ChartFormat.svg)].compactMap { file, format in file.map { ($0, format) } }
        let renderer = ChartRenderer(width: width, height: height)
        let asked = currency, csv = self.csv, colours = options.colours
        // The monthly reports rebuild twelve past balances: allow a large tenant minutes, not seconds.
        try options.perform(timeout: .seconds(600), { client in
            let report = try client.getReport(parameters)
            let charts = ReportChart(report: report)
            var written: [String] = []
            if !files.isEmpty {
                let chart = charts.chart(currency: try charts.currency(asked: asked))
                for (file, format) in files {
                    do {
                        try renderer.write(chart, to: URL(fileURLWithPath: file), as: format)
                    } catch let error as ChartRenderError {
                        throw CommandFailure(message: error.description, status: ExitStatus.refused)
                    }
                    written.append(file)
                }
            }
            return ReportReply(report: report, charts: written)
        }, human: { reply in
            if csv { return ReportView.csv(reply.report) }
            var text = ReportView(report: reply.report, currency: asked, colours: colours).text
            for file in reply.charts { text += "\nchart written to \(file)" }
            return text
        })
    }
}

/// What `report --json` prints: the report, and the chart files written.
struct ReportReply: Encodable {
    var report: ReportInfo
    var charts: [String]
}
