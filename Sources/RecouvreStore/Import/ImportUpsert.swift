import Postgres
import RecouvreImport

/// The set-based statements that apply a checked staging table, and the search for the line
/// a constraint refused when the checks did not foresee it.
struct ImportUpsert {
    let table: ImportTable
    /// The tenant's schema, quoted.
    let schema: String
    /// The columns the file fills: columns it does not fill keep their value on update.
    let fields: Set<String>

    /// Applies every staged line; `rows` is how many there are.
    ///
    /// - Throws: ``ImportRefusedLine`` naming the first line the database refused, when a
    ///   constraint or trigger refuses the statements.
    func apply(_ sql: PostgresConnection, rows: Int) throws -> ImportCounts {
        try sql.execute("SAVEPOINT import_apply")
        do {
            let counts = try statements(sql, throughLine: Int(Int32.max), rows: rows)
            try sql.execute("RELEASE SAVEPOINT import_apply")
            return counts
        } catch let error as PostgresError where error.isDataRefusal {
            try sql.execute("ROLLBACK TO SAVEPOINT import_apply")
            let line = try firstRefusedLine(sql)
            throw ImportRefusedLine(line: line, error: error)
        }
    }

    /// Binary search on the smallest N such that the lines up to N are refused: about 20
    /// tries for a million lines, each rolled back.
    private func firstRefusedLine(_ sql: PostgresConnection) throws -> Int? {
        let bounds = try sql.query("SELECT min(line) AS low, max(line) AS high FROM pg_temp.import_staging").rows[0]
        guard var low = try bounds.decodeIfPresent(Int.self, "low"), var high = try bounds.decodeIfPresent(Int.self, "high") else {
            return nil
        }
        func refused(_ through: Int) throws -> Bool {
            try sql.execute("SAVEPOINT import_probe")
            defer { _ = try? sql.execute("ROLLBACK TO SAVEPOINT import_probe") }
            do {
                _ = try statements(sql, throughLine: through, rows: 0)
                return false
            } catch let error as PostgresError where error.isDataRefusal {
                return true
            }
        }
        guard try refused(high) else { return nil }
        while low < high {
            let middle = low + (high - low) / 2
            if try refused(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    private func statements(_ sql: PostgresConnection, throughLine bound: Int, rows: Int) throws -> ImportCounts {
        let (update, insert) = switch table {
        case .debtors: debtorStatements
        case .invoices: invoiceStatements
        case .payments: paymentStatements
        }
        let updated = try update.map { try sql.query($0, [bound]).affectedRows } ?? 0
        let inserted = try sql.query(insert, [bound]).affectedRows
        return ImportCounts(rows: rows, inserted: inserted, updated: updated, unchanged: rows - inserted - updated)
    }

    /// What a staged debtor column becomes in the table.
    private func debtorValue(_ column: String) -> String {
        switch column {
        case "kind": "coalesce(s.kind, 'business')"
        case "country": "coalesce(s.country, 'FR')"
        default: "s." + column
        }
    }

    private var debtorStatements: (String?, String) {
        let columns = table.columns.map(\.name).filter(fields.contains)
        let changing = columns.filter { $0 != "external_ref" }
        let update = """
            UPDATE \(schema).debtors d
            SET \(changing.map { "\($0) = \(debtorValue($0))" }.joined(separator: ", ")), updated_at = now()
            FROM pg_temp.import_staging s
            WHERE d.external_ref = s.external_ref AND s.line <= $1
              AND ROW(\(changing.map { "d." + $0 }.joined(separator: ", ")))
                  IS DISTINCT FROM ROW(\(changing.map(debtorValue).joined(separator: ", ")))
            """
        let insert = """
            INSERT INTO \(schema).debtors (\(columns.joined(separator: ", ")))
            SELECT \(columns.map(debtorValue).joined(separator: ", "))
            FROM pg_temp.import_staging s
            WHERE s.line <= $1 AND NOT EXISTS (SELECT 1 FROM \(schema).debtors d WHERE d.external_ref = s.external_ref)
            ORDER BY s.line
            """
        return (update, insert)
    }

    private var invoiceStatements: (String?, String) {
        let currency = fields.contains("currency")
        let update = """
            UPDATE \(schema).invoices i
            SET debtor_id = s.debtor_id, issued_on = s.issued_on, due_on = s.due_on, amount = s.amount\
            \(currency ? ", currency = coalesce(s.currency, 'EUR')" : "")
            FROM pg_temp.import_staging s
            WHERE i.number = s.number AND s.line <= $1
              AND ROW(i.debtor_id, i.issued_on, i.due_on, i.amount\(currency ? ", i.currency" : ""))
                  IS DISTINCT FROM ROW(s.debtor_id, s.issued_on, s.due_on, s.amount\(currency ? ", coalesce(s.currency, 'EUR')" : ""))
            """
        let insert = """
            INSERT INTO \(schema).invoices (debtor_id, number, issued_on, due_on, currency, amount)
            SELECT s.debtor_id, s.number, s.issued_on, s.due_on, coalesce(s.currency, 'EUR'), s.amount
            FROM pg_temp.import_staging s
            WHERE s.line <= $1 AND NOT EXISTS (SELECT 1 FROM \(schema).invoices i WHERE i.number = s.number)
            ORDER BY s.line
            """
        return (update, insert)
    }

    private var paymentStatements: (String?, String) {
        // Payments are only ever added: one already imported was checked to be the same.
        let insert = """
            INSERT INTO \(schema).payments (debtor_id, invoice_id, amount, currency, received_on, reference, import_key)
            SELECT s.debtor_id, s.invoice_id, s.amount, s.currency, s.received_on, s.reference, s.import_key
            FROM pg_temp.import_staging s
            WHERE s.line <= $1 AND NOT EXISTS (SELECT 1 FROM \(schema).payments p WHERE p.import_key = s.import_key)
            ORDER BY s.line
            """
        return (nil, insert)
    }
}

/// A line the database refused although the checks let it through (a constraint or trigger
/// they do not mirror).
public struct ImportRefusedLine: Error, Sendable {
    /// The first line whose application fails, when it could be found.
    public var line: Int?
    /// The database's error.
    public var error: PostgresError

    /// As an import problem: the line and the database's own words.
    public var issue: ImportProblem {
        var message = "the database refused this line: " + error.message
        if let detail = error.detail { message += " (" + detail + ")" }
        if let constraint = error.constraint { message += " [constraint " + constraint + "]" }
        return ImportProblem(line: line, field: error.column, message: message)
    }
}

extension PostgresError {
    /// A refusal of the data (SQLSTATE classes 22 data exception and 23 integrity violation,
    /// or an exception a trigger raised), as opposed to a broken connection or a bug.
    var isDataRefusal: Bool {
        guard kind == .query, let state = sqlState else { return false }
        return state.hasPrefix("22") || state.hasPrefix("23") || state == "P0001"
    }
}
