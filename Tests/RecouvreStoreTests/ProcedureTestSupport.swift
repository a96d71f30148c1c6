import Foundation
import Postgres
import Testing

/// Expects `body` to fail with `sqlState`, with a message naming each of `fragments` and a hint
/// (containing `hint` when given) saying what to do instead. Returns the error.
@discardableResult
func expectProcedureError(
    _ sqlState: String, mentioning fragments: [String], hint: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
) -> PostgresError? {
    let error = #expect(throws: PostgresError.self, sourceLocation: sourceLocation) { try body() }
    guard let error else { return nil }
    #expect(error.sqlState == sqlState, "\(error)", sourceLocation: sourceLocation)
    for fragment in fragments {
        #expect(error.message.contains(fragment), "\"\(error.message)\" should mention \"\(fragment)\"", sourceLocation: sourceLocation)
    }
    #expect(error.hint?.isEmpty == false, "\(error) has no hint", sourceLocation: sourceLocation)
    if let hint {
        #expect(error.hint?.contains(hint) == true, "hint \"\(error.hint ?? "")\" should contain \"\(hint)\"", sourceLocation: sourceLocation)
    }
    return error
}

/// An exact decimal from its text.
func decimal(_ text: String) -> Decimal {
    Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
}

extension PostgresConnection {
    /// Opens a case for the debtor, as the daemon does the day after an invoice's due date.
    func openCase(debtor: Int64, policy: String = "business") throws -> Int64 {
        try value("INSERT INTO cases (debtor_id, policy) VALUES ($1, $2) RETURNING id", [debtor, policy])
    }

    /// The tenant's day `offset` days from today, as text (YYYY-MM-DD).
    func localDay(_ offset: Int = 0) throws -> String {
        try value("SELECT (local_today() + $1::integer)::text", [offset])
    }

    /// Inserts an invoice due `daysOverdue` days before today (tenant zone); negative = not yet due.
    func insertOverdueInvoice(debtor: Int64, number: String, amount: String, daysOverdue: Int = 10,
                              currency: String = "EUR") throws -> Int64 {
        try value("""
            INSERT INTO invoices (debtor_id, number, issued_on, due_on, currency, amount)
            VALUES ($1, $2, local_today() - $3::integer - 30, local_today() - $3::integer, $4, $5::numeric) RETURNING id
            """, [debtor, number, daysOverdue, currency, amount])
    }

    /// How many review_debtor actions of the debtor are scheduled.
    func scheduledReviews(debtor: Int64) throws -> Int {
        try value("SELECT count(*) FROM actions WHERE kind = 'review_debtor' AND state = 'scheduled' AND debtor_id = $1",
                  [debtor])
    }

    /// Whether the debtor has exactly one scheduled review, due now.
    func hasReviewDueNow(debtor: Int64) throws -> Bool {
        try value("""
            SELECT count(*) = 1 AND bool_and(due_at <= now()) FROM actions
            WHERE kind = 'review_debtor' AND state = 'scheduled' AND debtor_id = $1
            """, [debtor])
    }

    /// The latest event of a kind for the debtor: its actor and detail (each value as jsonb ->> gives it).
    func latestEvent(_ kind: String, debtor: Int64) throws -> (actor: String, detail: [String: String])? {
        let rows = try query("""
            WITH latest AS (SELECT actor, detail FROM events WHERE kind = $1 AND debtor_id = $2 ORDER BY id DESC LIMIT 1)
            SELECT latest.actor, d.key, coalesce(d.value, 'null') AS value
            FROM latest LEFT JOIN LATERAL jsonb_each_text(latest.detail) d ON true
            """, [kind, debtor]).rows
        guard let first = rows.first else { return nil }
        var detail: [String: String] = [:]
        for row in rows {
            if let key = try row.decodeIfPresent(String.self, "key") { detail[key] = try row.decode(String.self, "value") }
        }
        return (try first.decode(String.self, "actor"), detail)
    }
}
