/// The outcome of one statement: its rows (if any) and how many rows it touched.
public struct PostgresResult: Sendable {
    /// The rows returned, in order; empty for statements that return none.
    public let rows: [PostgresRow]
    /// Rows inserted, updated, deleted, selected… as the command tag reports (`PQcmdTuples`); 0 when it reports none.
    public let affectedRows: Int
    /// The command tag, e.g. `INSERT 0 1` or `SELECT 3`.
    public let commandTag: String

    /// Creates a result.
    public init(rows: [PostgresRow], affectedRows: Int, commandTag: String = "") {
        self.rows = rows
        self.affectedRows = affectedRows
        self.commandTag = commandTag
    }

    /// The first row, if any.
    public var first: PostgresRow? { rows.first }
}
