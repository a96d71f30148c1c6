/// Splits CSV bytes into records as RFC 4180 says, chunk by chunk, so that a file of any size
/// is read with the memory of one record.
///
/// Quoted fields may hold the separator, newlines and doubled quotes. Lines end with LF or
/// CRLF. A quote in the middle of an unquoted field is kept as it is (spreadsheets write
/// `12" screen`); a quoted field followed by anything but a separator or the end of the line
/// is a problem of that record. Blank lines are skipped. Works on bytes: the separator and
/// the quote are ASCII, which UTF-8 and Windows-1252 both keep as they are.
public struct CSVTokenizer: Sendable {
    /// The field separator: `;`, `,` or a tab.
    public let separator: UInt8

    private enum State: Sendable {
        case fieldStart, unquoted, quoted, quoteInQuoted, afterQuotedField
    }

    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [[UInt8]] = []
    private var line = 1
    private var recordLine = 1
    private var problem: String?

    /// The longest field kept, in bytes; what follows is dropped and the record refused.
    public static let fieldLimit = 1 << 20

    public init(separator: UInt8) {
        self.separator = separator
    }

    /// Reads the next chunk, calling `emit` for every record it completes.
    public mutating func feed(_ bytes: [UInt8], _ emit: (CSVRecord) throws -> Void) rethrows {
        try feed(bytes[...], emit)
    }

    /// Reads the next chunk, calling `emit` for every record it completes.
    public mutating func feed(_ bytes: ArraySlice<UInt8>, _ emit: (CSVRecord) throws -> Void) rethrows {
        // Concrete bytes, not a generic sequence: this loop runs for every byte of the file.
        try bytes.withUnsafeBufferPointer { try read($0, emit) }
    }

    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (CSVRecord) throws -> Void) rethrows {
        for byte in bytes {
            switch state {
            case .fieldStart, .unquoted:
                if byte == separator {
                    endField()
                } else if byte == 0x0A {
                    // CRLF: the CR belongs to the line end, not to the field.
                    if field.last == 0x0D { field.removeLast() }
                    try endRecord(emit)
                } else if byte == 0x22, state == .fieldStart {
                    state = .quoted
                } else {
                    field.append(byte)
                    state = .unquoted
                }
            case .quoted:
                if byte == 0x22 {
                    state = .quoteInQuoted
                } else if field.count < Self.fieldLimit {
                    field.append(byte)
                } else if problem == nil {
                    // An opening quote never closed would otherwise gather the rest of the file.
                    problem = "a field is longer than 1 MiB: a closing quote is probably missing on this line"
                }
                if byte == 0x0A { line += 1 }
            case .quoteInQuoted, .afterQuotedField:
                if byte == 0x22, state == .quoteInQuoted {
                    field.append(0x22)
                    state = .quoted
                } else if byte == separator {
                    endField()
                } else if byte == 0x0A {
                    try endRecord(emit)
                } else if byte == 0x0D {
                    state = .afterQuotedField
                } else {
                    if problem == nil {
                        problem = "a quoted field is followed by text before the next separator: double the quotes inside a quoted field (\"\")"
                    }
                    field.append(byte)
                    state = .afterQuotedField
                }
            }
        }
    }

    /// Ends the input: emits the last record if the file does not end with a newline.
    /// A quoted field still open at the end of the file means the file was cut short.
    public mutating func finish(_ emit: (CSVRecord) throws -> Void) rethrows {
        if state == .quoted {
            problem = "the file ends inside a quoted field that starts on this line: the file is truncated or a quote is missing"
            state = .unquoted
        }
        if state != .fieldStart || !fields.isEmpty || !field.isEmpty {
            if field.last == 0x0D, state == .unquoted { field.removeLast() }
            line -= 1
            try endRecord(emit)
        }
    }

    private mutating func endField() {
        fields.append(field)
        field.removeAll(keepingCapacity: true)
        state = .fieldStart
    }

    private mutating func endRecord(_ emit: (CSVRecord) throws -> Void) rethrows {
        fields.append(field)
        field.removeAll(keepingCapacity: true)
        let blank = fields.count == 1 && fields[0].isEmpty && (state == .fieldStart || state == .unquoted)
        let record = CSVRecord(line: recordLine, fields: fields, problem: problem)
        fields.removeAll(keepingCapacity: true)
        problem = nil
        state = .fieldStart
        line += 1
        recordLine = line
        if !blank { try emit(record) }
    }
}
