import Foundation
import Postgres

/// Keeps personal data out of the log. Records at info and above name tenants, actions, cases
/// and debtors by id only; error texts, which come from elsewhere, go through here first:
/// - a PostgreSQL error loses its DETAIL, which may quote a row ("Failing row contains (…)")
///   with a debtor's name, address or amounts;
/// - e-mail addresses (an SMTP relay's "550 <x@example.com>: unknown user") become `<address>`.
///
/// The full text stays where ops need it: the action's `last_error` and the tenant's journal.
enum LogRedaction {
    /// An error as it may be logged.
    static func error(_ error: any Error) -> String {
        if let postgres = error as? PostgresError {
            let head = postgres.sqlState.map { "SQLSTATE \($0)" } ?? "\(postgres.kind) error"
            return text("\(head): \(postgres.message)")
        }
        return text("\(error)")
    }

    /// `text` with every e-mail address replaced by `<address>`.
    static func text(_ text: String) -> String {
        guard text.contains("@") else { return text }
        return text.replacing(address, with: "<address>")
    }

    /// Made on each use: a `Regex` is not `Sendable`, and errors are rare enough.
    private static var address: Regex<(Substring, Substring)> { /[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+/ }
}
