/// One thing wrong with a line of an import, found by the database side.
public struct ImportIssue: Sendable, Hashable {
    /// The 1-based line of the file; nil for the file as a whole.
    public var line: Int?
    /// The field, when the issue is one value.
    public var field: String?
    /// What is wrong and what to do, in one sentence.
    public var message: String

    public init(line: Int?, field: String? = nil, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }
}

/// What an import did, or would do with a dry run.
public struct ImportCounts: Sendable, Hashable, Codable {
    /// Lines loaded.
    public var rows: Int
    /// Rows added.
    public var inserted: Int
    /// Rows changed.
    public var updated: Int
    /// Lines whose row was already there as the file says: not touched.
    public var unchanged: Int

    public init(rows: Int, inserted: Int, updated: Int, unchanged: Int) {
        self.rows = rows
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
    }
}

/// How an import ended.
public enum ImportOutcome: Sendable, Hashable {
    /// Applied (or, with a dry run, checked and rolled back): what it did or would do.
    case applied(ImportCounts)
    /// Refused whole: nothing was changed.
    case rejected([ImportIssue], truncated: Bool)
}

/// The steps of an import, for progress reports.
public enum ImportPhase: String, Sendable {
    case checking, applying
}
