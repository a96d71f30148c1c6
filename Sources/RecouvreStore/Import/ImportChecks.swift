import Postgres
import RecouvreImport

/// The checks an import makes in the database, on the staging table, before changing
/// anything: each a query giving `line`, `field` and `message` for the lines it refuses.
struct ImportChecks {
    let table: ImportTable
    /// The tenant's schema, quoted.
    let schema: String
    /// The columns the file fills.
    let fields: Set<String>
    /// The most lines each check reports.
    let limit: Int

    /// Resolves references (debtors, invoices, payment keys), then runs every check; returns
    /// the problems found (at most `limit` per check) and how many lines each check refused.
    func run(_ sql: PostgresConnection) throws -> (issues: [ImportProblem], count: Int) {
        for statement in resolutions { try sql.execute(statement) }
        var issues: [ImportProblem] = []
        var count = 0
        for check in checks {
            let rows = try sql.query(check + " ORDER BY line LIMIT \(limit + 1)").rows
            count += rows.count
            for row in rows.prefix(limit) {
                issues.append(ImportProblem(line: try row.decode(Int.self, "line"), field: try row.decodeIfPresent(String.self, "field"),
                                          message: try row.decode(String.self, "message")))
            }
        }
        return (issues, count)
    }

    /// Fills the staging table's resolved columns.
    private var resolutions: [String] {
        switch table {
        case .debtors:
            return []
        case .invoices:
            return ["UPDATE pg_temp.import_staging s SET debtor_id = d.id FROM \(schema).debtors d WHERE d.external_ref = s.debtor"]
        case .payments:
            return [
                "UPDATE pg_temp.import_staging s SET debtor_id = d.id FROM \(schema).debtors d WHERE d.external_ref = s.debtor",
                "UPDATE pg_temp.import_staging s SET invoice_id = i.id FROM \(schema).invoices i WHERE i.number = s.invoice",
                // A line without a currency pays in its invoice's, else in euros.
                """
                UPDATE pg_temp.import_staging s
                SET currency = coalesce((SELECT i.currency FROM \(schema).invoices i WHERE i.id = s.invoice_id), 'EUR')
                WHERE s.currency IS NULL
                """,
                // The key that makes a second import of the same file record nothing (sql/tenant/0009_imports.sql).
                """
                UPDATE pg_temp.import_staging s SET import_key = k.key
                FROM (
                    SELECT line,
                           CASE WHEN reference IS NOT NULL THEN jsonb_build_array('ref', debtor, reference)::text
                                ELSE jsonb_build_array('line', debtor, invoice, amount::text, currency, received_on::text,
                                         row_number() OVER (PARTITION BY debtor, invoice, amount, currency, received_on, reference IS NULL
                                                            ORDER BY line))::text
                           END AS key
                    FROM pg_temp.import_staging
                ) k
                WHERE k.line = s.line
                """,
            ]
        }
    }

    private var checks: [String] {
        switch table {
        case .debtors:
            var list = [
                duplicate(key: "external_ref", field: "external_ref", what: "the debtor reference ' || s.external_ref || '"),
            ]
            if fields.contains("timezone") {
                list.append("""
                    SELECT line, 'timezone' AS field, '"' || timezone || '" is not a time zone name (Europe/Paris, America/Montreal…)' AS message
                    FROM pg_temp.import_staging WHERE timezone IS NOT NULL AND NOT \(schema).is_time_zone(timezone)
                    """)
            }
            if fields.contains("email") {
                list.append("""
                    SELECT line, 'email' AS field, '"' || email || '" is not an e-mail address' AS message
                    FROM pg_temp.import_staging WHERE email IS NOT NULL AND NOT \(schema).is_email(email)
                    """)
            }
            return list
        case .invoices:
            var list = [
                duplicate(key: "number", field: "number", what: "the invoice number ' || s.number || '"),
                """
                SELECT line, 'debtor' AS field,
                       'no debtor ''' || debtor || ''' in this tenant: import the debtors first, or correct the reference' AS message
                FROM pg_temp.import_staging WHERE debtor_id IS NULL
                """,
                """
                SELECT line, 'due_on' AS field,
                       'the due date ' || to_char(due_on, 'YYYY-MM-DD') || ' is before the issue date ' || to_char(issued_on, 'YYYY-MM-DD') AS message
                FROM pg_temp.import_staging WHERE due_on < issued_on
                """,
                // An invoice that has payments keeps its debtor and currency: the payments are theirs.
                """
                SELECT s.line, 'debtor' AS field,
                       'invoice ' || s.number || ' already has payments from debtor ' || d.external_ref || ' in ' || i.currency
                       || ': its debtor and currency cannot change' AS message
                FROM pg_temp.import_staging s
                JOIN \(schema).invoices i ON i.number = s.number
                JOIN \(schema).debtors d ON d.id = i.debtor_id
                WHERE (i.debtor_id <> s.debtor_id \(fields.contains("currency") ? "OR i.currency <> coalesce(s.currency, 'EUR')" : ""))
                  AND EXISTS (SELECT 1 FROM \(schema).payments p WHERE p.invoice_id = i.id)
                """,
                // Lowering an amount below what was paid and granted on the invoice would leave
                // money recorded against nothing owed: a credit note says it properly.
                """
                SELECT s.line, 'amount' AS field,
                       'invoice ' || s.number || ' has ' || to_char(b.settled, 'FM999999999990.00')
                       || ' paid or granted already: its amount cannot go below that (record a credit note instead)' AS message
                FROM pg_temp.import_staging s
                JOIN \(schema).invoices i ON i.number = s.number
                CROSS JOIN LATERAL (
                    SELECT coalesce((SELECT sum(p.amount) FROM \(schema).payments p WHERE p.invoice_id = i.id), 0)
                         + coalesce((SELECT sum(r.amount) FROM \(schema).reductions r WHERE r.invoice_id = i.id), 0) AS settled
                ) b
                WHERE s.amount < i.amount AND s.amount < b.settled
                """,
            ]
            if fields.contains("currency") { list.append(currency) }
            return list
        case .payments:
            return [
                duplicate(key: "import_key", field: "reference", what: "the reference ' || s.reference || ' of debtor ' || s.debtor || '"),
                """
                SELECT line, 'debtor' AS field,
                       'no debtor ''' || debtor || ''' in this tenant: import the debtors first, or correct the reference' AS message
                FROM pg_temp.import_staging WHERE debtor_id IS NULL
                """,
                """
                SELECT line, 'invoice' AS field, 'no invoice ''' || invoice || ''' in this tenant' AS message
                FROM pg_temp.import_staging WHERE invoice IS NOT NULL AND invoice_id IS NULL
                """,
                """
                SELECT s.line, 'invoice' AS field,
                       'invoice ' || i.number || ' is debtor ' || d.external_ref || '''s, in ' || i.currency
                       || ': a payment of it must be from that debtor, in that currency' AS message
                FROM pg_temp.import_staging s
                JOIN \(schema).invoices i ON i.id = s.invoice_id
                JOIN \(schema).debtors d ON d.id = i.debtor_id
                WHERE s.debtor_id IS NOT NULL AND (i.debtor_id <> s.debtor_id OR i.currency <> s.currency)
                """,
                currency,
                // Payments are never changed by an import: a key found again must be the same payment.
                """
                SELECT s.line, 'reference' AS field,
                       'payment ' || s.reference || ' of debtor ' || s.debtor || ' was imported before as '
                       || p.amount || ' ' || p.currency || ' received on ' || to_char(p.received_on, 'YYYY-MM-DD')
                       || ': imports do not change payments; record a correction instead' AS message
                FROM pg_temp.import_staging s
                JOIN \(schema).payments p ON p.import_key = s.import_key
                WHERE ROW(p.debtor_id, p.invoice_id, p.amount, p.currency, p.received_on)
                      IS DISTINCT FROM ROW(s.debtor_id, s.invoice_id, s.amount, s.currency, s.received_on)
                """,
            ]
        }
    }

    private var currency: String {
        """
        SELECT line, 'currency' AS field, '"' || currency || '" is not an ISO 4217 currency code in use' AS message
        FROM pg_temp.import_staging WHERE currency IS NOT NULL AND NOT \(schema).is_currency(currency)
        """
    }

    /// Lines whose key an earlier line of the file already has.
    private func duplicate(key: String, field: String, what: String) -> String {
        """
        SELECT s.line, '\(field)' AS field, '\(what) is already on line ' || f.first || ': each may appear once' AS message
        FROM pg_temp.import_staging s
        JOIN (SELECT \(key) AS key, min(line) AS first FROM pg_temp.import_staging GROUP BY \(key) HAVING count(*) > 1) f
          ON f.key = s.\(key) AND s.line > f.first
        """
    }
}
