/// Checks, chunk by chunk, whether a file is well-formed UTF-8 and where it first is not.
///
/// Chunks may split a character anywhere: the scanner carries the state of an unfinished
/// sequence from one chunk to the next. It also skips a leading byte order mark.
public struct UTF8Scanner: Sendable {
    /// The 1-based line of the first malformed byte, once one was seen.
    public private(set) var firstInvalidLine: Int?
    /// Whether the file began with the UTF-8 byte order mark EF BB BF.
    public private(set) var hasByteOrderMark = false
    /// Lines seen so far (newlines + 1).
    public private(set) var line = 1

    private var pending = 0
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF
    private var offset = 0
    private var head: [UInt8] = []

    public init() {}

    /// Whether nothing malformed was seen so far.
    public var isValid: Bool { firstInvalidLine == nil }

    /// Scans the next chunk of the file.
    public mutating func feed(_ bytes: [UInt8]) {
        feed(bytes[...])
    }

    /// Scans the next chunk of the file.
    public mutating func feed(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { scan($0) }
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes {
            if offset < 3 {
                head.append(byte)
                if offset == 2, head == [0xEF, 0xBB, 0xBF] { hasByteOrderMark = true }
            }
            offset += 1
            if byte == 0x0A { line += 1 }
            guard firstInvalidLine == nil else { continue }
            if pending == 0 {
                switch byte {
                case 0x00...0x7F: continue
                case 0xC2...0xDF: pending = 1
                case 0xE0: pending = 2; lower = 0xA0
                case 0xE1...0xEC, 0xEE, 0xEF: pending = 2
                case 0xED: pending = 2; upper = 0x9F
                case 0xF0: pending = 3; lower = 0x90
                case 0xF1...0xF3: pending = 3
                case 0xF4: pending = 3; upper = 0x8F
                default: firstInvalidLine = line
                }
            } else {
                guard byte >= lower, byte <= upper else {
                    firstInvalidLine = line
                    continue
                }
                lower = 0x80
                upper = 0xBF
                pending -= 1
            }
        }
    }

    /// Ends the scan: a character cut short by the end of the file is malformed.
    public mutating func finish() {
        if pending > 0, firstInvalidLine == nil { firstInvalidLine = line }
    }
}
