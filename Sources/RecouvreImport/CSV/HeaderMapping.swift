import Foundation

/// Which column of a file fills which field, decided from the header line, the built-in
/// names (``ImportField/aliases``), `--map column=field` and `--ignore-column`.
public struct HeaderMapping: Sendable, Equatable {
    /// For each column of the file, in order, the field it fills; nil for an ignored column.
    public var fieldsByColumn: [String?]
    /// The fields the file fills, in ``ImportKind/fields`` order: what each row carries.
    public var fields: [String]
    /// For each of ``fields``, the column that fills it.
    public var columnOfField: [Int]

    /// Maps `header` for `kind`, or throws every problem with it (all on line 1).
    ///
    /// - Parameters:
    ///   - explicit: column name → field name, from `--map` or a mapping file; column names
    ///     compare as ``HeaderName`` does. They win over the built-in names.
    ///   - ignored: column names to leave out; `*` ignores every column nothing maps.
    public init(header: [String], kind: ImportKind, explicit: [String: String] = [:], ignored: Set<String> = []) throws(ImportRejected) {
        var problems: [ImportProblem] = []
        let explicitByName = Dictionary(explicit.map { (HeaderName.normalized($0.key), $0.value) }, uniquingKeysWith: { _, last in last })
        let ignoredNames = Set(ignored.map(HeaderName.normalized))
        let ignoreAll = ignored.contains("*")
        for (column, field) in explicit where kind.field(named: field) == nil {
            problems.append(ImportProblem(line: nil, message: "--map \(column)=\(field): \(kind.rawValue) have no field '\(field)'; "
                + "use one of \(kind.fields.map(\.name).joined(separator: ", "))"))
        }
        let present = Set(header.map(HeaderName.normalized))
        for column in explicit.keys where !present.contains(HeaderName.normalized(column)) {
            problems.append(ImportProblem(line: 1, message: "--map names the column '\(column)', which the header does not have"))
        }
        var byColumn: [String?] = []
        var firstColumn: [String: Int] = [:]
        for (index, raw) in header.enumerated() {
            let name = HeaderName.normalized(raw)
            let field: String?
            if let chosen = explicitByName[name] {
                field = kind.field(named: chosen) != nil ? chosen : nil
            } else if ignoredNames.contains(name) {
                field = nil
            } else if let known = Self.builtIn(name, kind) {
                field = known
            } else {
                field = nil
                if !ignoreAll {
                    problems.append(ImportProblem(line: 1, field: raw.isEmpty ? "column \(index + 1)" : raw, message:
                        "unknown column: map it with --map '\(raw)=FIELD' (fields: \(kind.fields.map(\.name).joined(separator: ", "))) "
                            + "or leave it out with --ignore-column '\(raw)'"))
                }
            }
            if let field {
                if let earlier = firstColumn[field] {
                    problems.append(ImportProblem(line: 1, field: raw, message:
                        "this column and '\(header[earlier])' both mean \(field): map one of them elsewhere or ignore it"))
                } else {
                    firstColumn[field] = index
                }
            }
            byColumn.append(field)
        }
        for field in kind.fields where field.required && firstColumn[field.name] == nil {
            problems.append(ImportProblem(line: 1, message:
                "no column gives \(field.name), which every line needs: add one, or name one with --map 'COLUMN=\(field.name)'"))
        }
        guard problems.isEmpty else { throw ImportRejected(problems: problems) }
        fieldsByColumn = byColumn
        fields = kind.fields.map(\.name).filter { firstColumn[$0] != nil }
        columnOfField = fields.map { firstColumn[$0]! }
    }

    /// The field a normalized column name means by default: the field's own name first,
    /// then the aliases.
    static func builtIn(_ name: String, _ kind: ImportKind) -> String? {
        if let own = kind.fields.first(where: { HeaderName.normalized($0.name) == name }) { return own.name }
        return kind.fields.first { $0.aliases.contains(name) }?.name
    }

    /// Reads a mapping file: one `column=field` a line (the last `=` splits, so a column name
    /// may hold one); blank lines and lines starting with `#` are skipped.
    public static func parseMappingFile(_ text: String) throws(ImportRejected) -> [String: String] {
        var mapping: [String: String] = [:]
        var problems: [ImportProblem] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = trimmed.lastIndex(of: "=") else {
                problems.append(ImportProblem(line: index + 1, message: "write column=field"))
                continue
            }
            let column = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            let field = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !column.isEmpty, !field.isEmpty else {
                problems.append(ImportProblem(line: index + 1, message: "write column=field"))
                continue
            }
            mapping[column] = field
        }
        guard problems.isEmpty else { throw ImportRejected(problems: problems) }
        return mapping
    }
}
