import RecouvreImport

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
    case rejected([ImportProblem], truncated: Bool)
}

/// The steps of an import, for progress reports.
public enum ImportPhase: String, Sendable {
    case checking, applying
}
