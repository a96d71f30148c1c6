/// An error from PostgreSQL or from this module, with the server's diagnostic fields.
///
/// `description` is deliberately terse (`SQLSTATE 23505: duplicate key ...: detail`) so it fits a
/// log line; every field the server sent is kept for code that needs to tell errors apart.
public struct PostgresError: Error, CustomStringConvertible, CustomDebugStringConvertible, Sendable {
    /// Where the error arose.
    public enum Kind: Sendable, Equatable {
        /// Connecting failed or the connection was lost.
        case connection
        /// The server rejected a statement.
        case query
        /// A result cell could not be turned into the requested Swift type.
        case decoding
        /// The connection or client was already closed by its owner.
        case closed
    }

    /// Where the error arose.
    public let kind: Kind
    /// The five-character SQLSTATE code, e.g. `23505`; nil for errors raised on the client side.
    public let sqlState: String?
    /// The primary, human-readable message.
    public let message: String
    /// The server's secondary message, e.g. `Key (email)=(a@b.c) already exists.`
    public let detail: String?
    /// The server's suggestion of what to do about it.
    public let hint: String?
    /// The constraint involved (`PG_DIAG_CONSTRAINT_NAME`), for integrity violations.
    public let constraint: String?
    /// The table involved, when the server names one.
    public let table: String?
    /// The column involved, when the server names one (e.g. for `not_null_violation`).
    public let column: String?

    /// Creates an error; fields the server did not send stay nil.
    public init(
        kind: Kind,
        message: String,
        sqlState: String? = nil,
        detail: String? = nil,
        hint: String? = nil,
        constraint: String? = nil,
        table: String? = nil,
        column: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    /// True for `unique_violation` (23505).
    public var isUniqueViolation: Bool { sqlState == "23505" }

    /// True when the connection can no longer be used: a client-side connection failure,
    /// SQLSTATE class 08 (connection exception), or the server shutting the session down (57P01–57P03).
    public var isConnectionLost: Bool {
        if kind == .connection { return true }
        guard let sqlState else { return false }
        return sqlState.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(sqlState)
    }

    public var description: String {
        var text: String
        if let sqlState {
            text = "SQLSTATE \(sqlState): \(message)"
        } else {
            text = "\(kind) error: \(message)"
        }
        if let detail { text += ": \(detail)" }
        return text
    }

    public var debugDescription: String {
        var parts = ["kind: \(kind)", "message: \(message)"]
        let optional: [(String, String?)] = [
            ("sqlState", sqlState), ("detail", detail), ("hint", hint),
            ("constraint", constraint), ("table", table), ("column", column),
        ]
        for (name, value) in optional {
            if let value { parts.append("\(name): \(value)") }
        }
        return "PostgresError(" + parts.joined(separator: ", ") + ")"
    }

    static func decoding(_ message: String) -> PostgresError {
        PostgresError(kind: .decoding, message: message)
    }
}
