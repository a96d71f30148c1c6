import Postgres
import RecouvreCore

/// Reads a tenant's reports from its reporting views, values as text so that every figure
/// stays the exact decimal PostgreSQL computed.
public struct ReportQueries: Sendable {
    public let slug: TenantSlug
    var schema: String { slug.quotedSchema }

    public init(slug: TenantSlug) { self.slug = slug }

    /// A report's rows, in `kind.columns` order.
    public struct Table: Equatable, Sendable {
        /// The day the figures are for, in the tenant's time zone.
        public let asOf: PostgresDate
        public let rows: [[String?]]
    }

    /// The report `kind`; an aged balance is on `asOf`, or today in the tenant's zone.
    public func table(_ c: PostgresConnection, _ kind: ReportKind, asOf: PostgresDate? = nil) throws -> Table {
        // One snapshot: the day and the figures agree.
        try c.transaction(isolation: .repeatableRead) { c in
            let day: PostgresDate
            if let asOf {
                day = asOf
            } else {
                day = try c.query("SELECT \(schema).local_today()").rows[0].decode(PostgresDate.self, at: 0)
            }
            let result = try c.query(sql(kind), kind == .aging ? [day.description] : [])
            let width = kind.columns.count
            let rows = try result.rows.map { row in try (0..<width).map { try row.decodeIfPresent(String.self, at: $0) } }
            return Table(asOf: day, rows: rows)
        }
    }

    private func sql(_ kind: ReportKind) -> String {
        switch kind {
        case .aging:
            """
            SELECT currency, sum(not_yet_due)::text, sum(days_1_30)::text, sum(days_31_60)::text, sum(days_61_90)::text,
                   sum(over_90)::text, sum(total)::text, count(*)::text, sum(invoices)::text
            FROM \(schema).aged_balance_as_of($1::date)
            GROUP BY currency ORDER BY currency
            """
        case .dso:
            """
            SELECT to_char(month, 'YYYY-MM'), currency, receivables::text, dso_days::text
            FROM \(schema).dso_by_month ORDER BY currency, month
            """
        case .funnel:
            """
            SELECT stage, cases_reached::text, paid_after::text, paid_share::text
            FROM \(schema).stage_funnel ORDER BY position
            """
        case .collected:
            """
            SELECT to_char(month, 'YYYY-MM'), currency, preceding_stage, payments::text, amount::text
            FROM \(schema).collected_by_month
            WHERE month >= date_trunc('month', \(schema).local_today()::timestamp) - interval '11 months'
            ORDER BY currency, month, preceding_stage
            """
        }
    }
}
