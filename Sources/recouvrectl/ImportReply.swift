import RecouvreImport
import RecouvreStore

/// What `import … --json` prints.
struct ImportReply: Encodable {
    var tenant: String
    var kind: String
    var file: String
    /// applied, checked (a dry run that found nothing wrong) or rejected.
    var status: String
    var dryRun: Bool
    /// utf-8 or windows-1252, when known.
    var encoding: String?
    /// `;`, `,` or `tab`, when known.
    var separator: String?
    /// fr or intl, when known.
    var convention: String?
    /// The fields the file's columns fill, in order.
    var fields: [String]
    /// What was done (or would be, with a dry run); nil when rejected.
    var counts: ImportCounts?
    /// Why the file was refused, in line order, at most 50.
    var problems: [Problem]
    /// Whether there were more problems than those listed.
    var moreProblems: Bool
    var seconds: Double

    struct Problem: Encodable {
        var line: Int?
        var field: String?
        var message: String

        private enum CodingKeys: String, CodingKey {
            case line, field, message
        }

        // Absent values are null, not left out, as in every --json reply.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(line, forKey: .line)
            try container.encode(field, forKey: .field)
            try container.encode(message, forKey: .message)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case tenant, kind, file, status, dryRun, encoding, separator, convention, fields, counts, problems, moreProblems, seconds
    }

    // Absent values are null, not left out, as in every --json reply.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(tenant, forKey: .tenant)
        try container.encode(kind, forKey: .kind)
        try container.encode(file, forKey: .file)
        try container.encode(status, forKey: .status)
        try container.encode(dryRun, forKey: .dryRun)
        try container.encode(encoding, forKey: .encoding)
        try container.encode(separator, forKey: .separator)
        try container.encode(convention, forKey: .convention)
        try container.encode(fields, forKey: .fields)
        try container.encode(counts, forKey: .counts)
        try container.encode(problems, forKey: .problems)
        try container.encode(moreProblems, forKey: .moreProblems)
        try container.encode(seconds, forKey: .seconds)
    }

    var rejected: Bool { status == "rejected" }

    /// The text for people: the counts on success, nothing when rejected (the problems go to stderr).
    var human: String {
        guard let counts else { return "" }
        let verb = dryRun ? "checked (dry run: nothing changed)" : "imported"
        let what = dryRun ? "would be inserted \(counts.inserted), updated \(counts.updated), unchanged \(counts.unchanged)"
            : "inserted \(counts.inserted), updated \(counts.updated), unchanged \(counts.unchanged)"
        return "\(kind) \(verb) into tenant '\(tenant)' from \(file): \(counts.rows) lines; \(what) (\(seconds) s)"
    }

    /// The refusal for stderr.
    var refusal: String {
        let lines = problems.map { ImportProblem(line: $0.line, field: $0.field, message: $0.message).description }
        return "\(file): refused, nothing was imported (\(problems.count)\(moreProblems ? "+" : "") problem\(problems.count == 1 ? "" : "s")):\n"
            + lines.joined(separator: "\n")
            + (moreProblems ? "\n(more problems not shown: fix these and try again)" : "")
    }
}
