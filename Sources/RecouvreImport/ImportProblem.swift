/// One thing wrong with a file being imported, located so that a person can find and fix it.
///
/// Imports check the whole file before changing anything; they answer with every problem
/// found (up to a limit), each naming its line, and, where it applies, the column or field.
public struct ImportProblem: Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line of the file, or nil for a problem with the file as a whole.
    public var line: Int?
    /// The column's header name or the field's name, when the problem is one value.
    public var field: String?
    /// What is wrong and what to do, in one sentence.
    public var message: String

    public init(line: Int?, field: String? = nil, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }

    /// `line 12, due_on: "31/02/2026" is not a date (dd/mm/yyyy)`.
    public var description: String {
        var place: [String] = []
        if let line { place.append("line \(line)") }
        if let field { place.append(field) }
        return place.isEmpty ? message : place.joined(separator: ", ") + ": " + message
    }
}

/// A file refused whole: nothing of it was applied.
public struct ImportRejected: Error, Sendable, CustomStringConvertible {
    /// The problems found, in file order.
    public var problems: [ImportProblem]
    /// True when checking stopped at a limit and more problems may follow.
    public var truncated: Bool

    public init(problems: [ImportProblem], truncated: Bool = false) {
        self.problems = problems
        self.truncated = truncated
    }

    public var description: String {
        var lines = problems.map(\.description)
        if truncated { lines.append("(more problems not shown: fix these and try again)") }
        return lines.joined(separator: "\n")
    }
}
