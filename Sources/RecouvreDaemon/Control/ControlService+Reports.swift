import ControlProtocol
import Postgres
import RecouvreStore

/// `GetReport`: a tenant's report, read from its reporting views.
extension ControlService {
    func getReport(_ p: GetReportParameters) async throws -> ReportInfo {
        guard let kind = ReportKind(rawValue: p.report) else {
            throw ControlError.invalidArgument(
                field: "report", reason: "'\(p.report)' is not a report; ask for one of \(ReportKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var asOf: PostgresDate?
        if let text = p.asOf {
            guard kind == .aging else {
                throw ControlError.invalidArgument(field: "asOf", reason: "only the aging report is for a chosen day; \(kind.rawValue) covers the twelve most recent months")
            }
            guard let day = PostgresDate(text) else {
                throw ControlError.invalidArgument(field: "asOf", reason: "'\(text)' is not a day; write it YYYY-MM-DD")
            }
            asOf = day
        }
        let day = asOf
        let table = try await procedureCall(p.slug) { slug, c in try ReportQueries(slug: slug).table(c, kind, asOf: day) }
        return ReportInfo(
            report: kind.rawValue, title: kind.title, tenant: p.slug, asOf: table.asOf.description,
            columns: kind.columns.map { ReportColumnInfo(name: $0.name, title: $0.title, unit: $0.unit.rawValue) },
            rows: table.rows.map(ReportRowInfo.init(values:)))
    }
}
