/// How to read an import file; what is nil is detected.
public struct CSVReadOptions: Sendable {
    /// The file's encoding, decided beforehand (see ``EncodingDetection``).
    public var encoding: TextEncoding
    /// The separator; nil to take the one the header line uses.
    public var separator: UInt8?
    /// How amounts and dates are written; nil for the one the separator implies.
    public var convention: CSVConvention?
    /// Column name → field name, winning over the built-in names.
    public var mapping: [String: String]
    /// Columns to leave out (`*`: every column nothing maps).
    public var ignoredColumns: Set<String>
    /// The most problems kept; more are counted, not kept.
    public var problemLimit: Int

    public init(encoding: TextEncoding = .utf8, separator: UInt8? = nil, convention: CSVConvention? = nil,
                mapping: [String: String] = [:], ignoredColumns: Set<String> = [], problemLimit: Int = 50) {
        self.encoding = encoding
        self.separator = separator
        self.convention = convention
        self.mapping = mapping
        self.ignoredColumns = ignoredColumns
        self.problemLimit = problemLimit
    }
}

/// One line of an import file, checked: its values in ``HeaderMapping/fields`` order, as the
/// database takes them (`2026-02-28`, `1234.56`), nil for an empty optional cell.
public struct ImportRow: Sendable, Equatable {
    public var line: Int
    public var values: [String?]

    public init(line: Int, values: [String?]) {
        self.line = line
        self.values = values
    }
}
