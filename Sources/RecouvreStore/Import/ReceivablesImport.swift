import Postgres
import RecouvreCore
import RecouvreImport

/// Loads a checked file into a tenant's debtors, invoices or payments: all of it in one
/// transaction, or nothing.
///
/// Rows are streamed with COPY into a temporary staging table, checked there with set-based
/// queries (keys repeated in the file, debtors and invoices that do not exist, values the
/// tables' constraints would refuse), and upserted with a few statements whatever the number
/// of rows. A row already as the file says is not touched, so that triggers (which replan
/// invoices and review debtors) fire only for real changes.
public struct ReceivablesImport: Sendable {
    public let slug: TenantSlug
    public let table: ImportTable
    /// The staging columns the file fills, in the order rows give their values.
    public let fields: [String]

    /// - Throws: `StoreError` when `fields` names a column the table does not have or misses
    ///   a required one (a mistake of the caller: the file's header was mapped before).
    public init(slug: TenantSlug, table: ImportTable, fields: [String]) throws {
        let known = Set(table.columns.map(\.name))
        if let unknown = fields.first(where: { !known.contains($0) }) {
            throw StoreError(description: "\(table.rawValue) have no import column \(unknown)")
        }
        if let missing = table.requiredColumns.first(where: { !fields.contains($0) }) {
            throw StoreError(description: "an import of \(table.rawValue) needs the column \(missing)")
        }
        self.slug = slug
        self.table = table
        self.fields = fields
    }

    /// Where `load` sends the file's rows.
    public struct RowSink {
        let copy: PostgresCopyIn

        /// Sends one checked line: its values in ``ReceivablesImport/fields`` order.
        public func add(line: Int, values: [String?]) throws {
            var row: [String?] = [String(line)]
            row.append(contentsOf: values)
            try copy.send(row: row)
        }
    }

    /// What `load` found wrong while reading the file (problems it kept and how many in all).
    public struct LoadReport: Sendable {
        public var issues: [ImportProblem]
        public var issueCount: Int

        public init(issues: [ImportProblem], issueCount: Int) {
            self.issues = issues
            self.issueCount = issueCount
        }
    }

    /// Runs the import on `connection` (outside any transaction).
    ///
    /// `load` streams the file's good lines into the sink and reports the problems of the
    /// others; the database's checks run on what was loaded even then, so that one run lists
    /// every kind of problem. With `dryRun`, everything runs and is rolled back: the counts
    /// say what an import would do.
    public func run(on connection: PostgresConnection, dryRun: Bool = false, problemLimit: Int = 50,
                    phase: (ImportPhase) -> Void = { _ in },
                    load: (RowSink) throws -> LoadReport) throws -> ImportOutcome {
        do {
            return try connection.transaction { sql in
                try checkSchema(sql)
                if table == .payments { try PaymentIntakeLock.take(sql, slug: slug) }
                let columns = table.columns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
                try sql.execute("""
                    CREATE TEMPORARY TABLE import_staging (line integer PRIMARY KEY, \(columns)\(table.resolvedColumns)) ON COMMIT DROP
                    """)
                var report = LoadReport(issues: [], issueCount: 0)
                let copied = try sql.copyIn("COPY pg_temp.import_staging (line, \(fields.joined(separator: ", "))) FROM STDIN") { copy in
                    report = try load(RowSink(copy: copy))
                }
                // Temporary tables are never analyzed by autovacuum: without statistics the
                // checks' joins would be planned for a handful of rows.
                try sql.execute("ANALYZE pg_temp.import_staging")
                phase(.checking)
                let checks = ImportChecks(table: table, schema: slug.quotedSchema, fields: Set(fields), limit: problemLimit)
                let found = try checks.run(sql)
                var issues = (report.issues + found.issues).sorted { ($0.line ?? 0, $0.message) < ($1.line ?? 0, $1.message) }
                let total = report.issueCount + found.count
                if !issues.isEmpty {
                    let truncated = total > problemLimit || issues.count > problemLimit
                    issues = Array(issues.prefix(problemLimit))
                    throw Refusal(outcome: .rejected(issues, truncated: truncated))
                }
                phase(.applying)
                let upsert = ImportUpsert(table: table, schema: slug.quotedSchema, fields: Set(fields))
                let counts = try upsert.apply(sql, rows: copied)
                if dryRun { throw Refusal(outcome: .applied(counts)) }
                return .applied(counts)
            }
        } catch let refusal as Refusal {
            return refusal.outcome
        } catch let refused as ImportRefusedLine {
            return .rejected([refused.issue], truncated: false)
        }
    }

    /// Thrown to roll the transaction back with an answer.
    private struct Refusal: Error {
        var outcome: ImportOutcome
    }

    private func checkSchema(_ sql: PostgresConnection) throws {
        let row = try sql.query("""
            SELECT to_regclass($1) IS NOT NULL AS present,
                   EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($2) AND attname = 'import_key' AND NOT attisdropped)
                   AND to_regprocedure($3) IS NOT NULL AS migrated
            """, [slug.quotedSchema + ".debtors", slug.quotedSchema + ".payments", slug.quotedSchema + ".is_currency(text)"]).first
        guard try row?.decode(Bool.self, "present") == true else {
            throw StoreError(description: "schema \(slug.schemaName) has no debtors table: is '\(slug.rawValue)' a tenant of this database?")
        }
        guard try row?.decode(Bool.self, "migrated") == true else {
            throw StoreError(description: "schema \(slug.schemaName) predates imports: run recouvrectl migrate first")
        }
    }
}
