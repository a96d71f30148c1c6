import Foundation
import Postgres
import RecouvreStore

/// History written straight into a tenant's tables, the way the daemon and the SQL API leave
/// it, so that reports can be checked on days of the test's choosing.
extension PostgresConnection {
    /// The rows of `query` as text: `columns` in order, joined by spaces; NULL reads "-".
    func reportLines(_ query: String, _ columns: [String]) throws -> [String] {
        try self.query(query).rows.map { row in
            try columns.map { try row.decodeIfPresent(String.self, $0) ?? "-" }.joined(separator: " ")
        }
    }

    /// Inserts a case of the debtor opened at `openedAt`; closed at `closedAt` for `reason` when given.
    func insertCase(debtor: Int64, openedAt: String, closedAt: String? = nil, reason: String? = nil) throws -> Int64 {
        try value("""
            INSERT INTO cases (debtor_id, policy, state, opened_at, closed_at, close_reason)
            VALUES ($1, 'business', CASE WHEN $3::timestamptz IS NULL THEN 'open' ELSE 'closed' END,
                    $2::timestamptz, $3::timestamptz, $4)
            RETURNING id
            """, [debtor, openedAt, closedAt, reason])
    }

    /// Records a case step carried out (or left in `state`) at `at`, as the daemon leaves it.
    @discardableResult
    func insertStep(case caseID: Int64, debtor: Int64, stage: String, channel: String, template: String,
                    at: String, state: String = "succeeded") throws -> Int64 {
        try value("""
            INSERT INTO actions (kind, channel, state, debtor_id, case_id, stage, template, step, due_at, finished_at)
            VALUES ('step', $1, $2, $3, $4, $5, $6,
                    (SELECT count(*) + 1 FROM actions a WHERE a.case_id = $4), $7::timestamptz, $7::timestamptz)
            RETURNING id
            """, [channel, state, debtor, caseID, stage, template, at])
    }

    /// Inserts a payment received on a given day.
    @discardableResult
    func insertPayment(debtor: Int64, invoice: Int64? = nil, amount: String, currency: String = "EUR",
                       receivedOn: String) throws -> Int64 {
        try value("""
            INSERT INTO payments (debtor_id, invoice_id, amount, currency, received_on)
            VALUES ($1, $2, $3::numeric, $4, $5::date) RETURNING id
            """, [debtor, invoice, amount, currency, receivedOn])
    }
}
