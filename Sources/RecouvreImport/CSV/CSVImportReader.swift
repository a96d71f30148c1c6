import Foundation

/// Reads an import file chunk by chunk into checked rows and the problems of the lines that
/// are not: the header is mapped to fields, every cell is decoded and checked, and a row is
/// handed on only when all its cells are good.
///
/// No I/O: the caller feeds the file's bytes. Memory is that of one line plus the kept
/// problems, whatever the size of the file.
public struct CSVImportReader: Sendable {
    public let kind: ImportKind
    public let options: CSVReadOptions
    /// The separator used, once the header line was read.
    public private(set) var separator: UInt8?
    /// The convention used, once the header line was read.
    public private(set) var convention: CSVConvention?
    /// Whether a byte order mark was skipped.
    public private(set) var skippedByteOrderMark = false
    /// The header's mapping, once it was read and was good.
    public private(set) var mapping: HeaderMapping?
    /// Problems found, in line order, at most ``CSVReadOptions/problemLimit``.
    public private(set) var problems: [ImportProblem] = []
    /// Every problem found, kept or not.
    public private(set) var problemCount = 0
    /// Lines after the header (blank lines aside).
    public private(set) var recordCount = 0
    /// Lines handed on.
    public private(set) var rowCount = 0

    private var tokenizer: CSVTokenizer?
    private var head: [UInt8] = []
    private var headerSeen = false
    private var stopped = false

    public init(kind: ImportKind, options: CSVReadOptions) {
        self.kind = kind
        self.options = options
    }

    /// The rejection to report, if anything was wrong.
    public var rejection: ImportRejected? {
        problems.isEmpty ? nil : ImportRejected(problems: problems, truncated: problemCount > problems.count)
    }

    /// Reads the next chunk, calling `emit` with every good row it completes.
    public mutating func feed(_ bytes: [UInt8], _ emit: (ImportRow) throws -> Void) rethrows {
        try feed(bytes[...], emit)
    }

    /// Reads the next chunk, calling `emit` with every good row it completes.
    public mutating func feed(_ bytes: ArraySlice<UInt8>, _ emit: (ImportRow) throws -> Void) rethrows {
        guard !stopped else { return }
        if tokenizer == nil {
            head.append(contentsOf: bytes)
            // The separator is chosen from the whole header line.
            guard head.contains(0x0A) else { return }
            try start(emit)
        } else {
            try tokenize(bytes, emit)
        }
    }

    /// Ends the file.
    public mutating func finish(_ emit: (ImportRow) throws -> Void) rethrows {
        guard !stopped else { return }
        if tokenizer == nil { try start(emit) }
        guard var tokenizer else { return }
        self.tokenizer = nil
        try tokenizer.finish { record in try handle(record, emit) }
        if !headerSeen { report(ImportProblem(line: nil, message: "the file is empty: it needs a header line naming its columns")) }
    }

    /// Adds a problem found outside the reader (e.g. by the database), keeping the limit.
    public mutating func report(_ problem: ImportProblem) {
        problemCount += 1
        if problems.count < options.problemLimit { problems.append(problem) }
    }

    private mutating func start(_ emit: (ImportRow) throws -> Void) rethrows {
        var bytes = head
        head = []
        if options.encoding == .utf8, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)
            skippedByteOrderMark = true
        }
        let separator = options.separator ?? SeparatorDetection.separator(inHeader: bytes) ?? UInt8(ascii: ",")
        self.separator = separator
        convention = options.convention ?? CSVConvention.implied(bySeparator: separator)
        tokenizer = CSVTokenizer(separator: separator)
        try tokenize(bytes[...], emit)
    }

    private mutating func tokenize(_ bytes: ArraySlice<UInt8>, _ emit: (ImportRow) throws -> Void) rethrows {
        guard var tokenizer else { return }
        self.tokenizer = nil
        try tokenizer.feed(bytes) { record in try handle(record, emit) }
        if !stopped { self.tokenizer = tokenizer }
    }

    private mutating func handle(_ record: CSVRecord, _ emit: (ImportRow) throws -> Void) rethrows {
        guard !stopped else { return }
        guard headerSeen else {
            headerSeen = true
            readHeader(record)
            return
        }
        recordCount += 1
        guard let mapping, let convention else { return }
        if let problem = record.problem {
            report(ImportProblem(line: record.line, message: problem))
            return
        }
        guard record.fields.count == mapping.fieldsByColumn.count else {
            report(ImportProblem(line: record.line, message:
                "has \(record.fields.count) fields where the header has \(mapping.fieldsByColumn.count): "
                    + "a separator too many or too few, or a value with a separator not in quotes"))
            return
        }
        var values: [String?] = []
        values.reserveCapacity(mapping.fields.count)
        var good = true
        for (index, name) in mapping.fields.enumerated() {
            let bytes = record.fields[mapping.columnOfField[index]]
            guard !bytes.contains(0), let text = options.encoding.decode(bytes) else {
                report(ImportProblem(line: record.line, field: name, message: bytes.contains(0)
                    ? "holds a NUL byte: the file is not text"
                    : "holds a byte that is no character in Windows-1252: the file is in another encoding (force one with --encoding)"))
                good = false
                continue
            }
            switch FieldChecking.check(text, kind.field(named: name)!, convention) {
            case .success(let value):
                values.append(value)
            case .failure(let error):
                report(ImportProblem(line: record.line, field: name, message: error.message))
                good = false
            }
        }
        guard good else { return }
        rowCount += 1
        try emit(ImportRow(line: record.line, values: values))
    }

    private mutating func readHeader(_ record: CSVRecord) {
        var names: [String] = []
        for bytes in record.fields {
            guard let name = options.encoding.decode(bytes) else {
                report(ImportProblem(line: record.line, message: "the header holds a byte that is no character in Windows-1252"))
                stopped = true
                return
            }
            names.append(name.trimmingCharacters(in: .whitespaces))
        }
        do {
            mapping = try HeaderMapping(header: names, kind: kind, explicit: options.mapping, ignored: options.ignoredColumns)
        } catch {
            error.problems.forEach { report($0) }
            // Nothing below can be read without knowing its columns.
            stopped = true
        }
    }
}
