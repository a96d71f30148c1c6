/// One row of a result: column names and the cells in the server's text format.
public struct PostgresRow: Sendable {
    /// Column names in select-list order.
    public let columns: [String]
    /// The cells as the server printed them; nil is SQL NULL.
    public let values: [String?]

    /// Creates a row; `values` must have one entry per column.
    public init(columns: [String], values: [String?]) {
        self.columns = columns
        self.values = values
    }

    /// Whether the named column is NULL; throws if there is no such column.
    public func isNull(_ column: String) throws -> Bool {
        values[try index(of: column)] == nil
    }

    /// Decodes a column that must not be NULL; NULL throws a decoding error.
    public func decode<T: PostgresDecodable>(_ type: T.Type, _ column: String) throws -> T {
        let index = try index(of: column)
        guard let value = try cell(type, at: index) else { throw nullError(T.self, at: index) }
        return value
    }

    /// Decodes the column at `index` (0-based); NULL throws a decoding error.
    public func decode<T: PostgresDecodable>(_ type: T.Type, at index: Int) throws -> T {
        guard let value = try cell(type, at: index) else { throw nullError(T.self, at: index) }
        return value
    }

    /// Decodes a nullable column: NULL gives nil.
    public func decodeIfPresent<T: PostgresDecodable>(_ type: T.Type, _ column: String) throws -> T? {
        try cell(type, at: try index(of: column))
    }

    /// Decodes the column at `index` (0-based): NULL gives nil.
    public func decodeIfPresent<T: PostgresDecodable>(_ type: T.Type, at index: Int) throws -> T? {
        try cell(type, at: index)
    }

    private func cell<T: PostgresDecodable>(_ type: T.Type, at index: Int) throws -> T? {
        guard values.indices.contains(index) else {
            throw PostgresError.decoding("column index \(index) is out of range: the row has \(values.count) columns")
        }
        guard let text = values[index] else { return nil }
        do {
            return try T.decode(postgresText: text)
        } catch let error as PostgresError {
            throw PostgresError.decoding("column \"\(columns[index])\": \(error.message)")
        }
    }

    private func nullError<T>(_ type: T.Type, at index: Int) -> PostgresError {
        .decoding("column \"\(columns[index])\" is NULL but \(type) was requested; decode it as an optional")
    }

    private func index(of column: String) throws -> Int {
        guard let index = columns.firstIndex(of: column) else {
            throw PostgresError.decoding("no column named \"\(column)\"; the row has: \(columns.joined(separator: ", "))")
        }
        return index
    }
}
