/// Assembles SMTP replies from bytes as they arrive (RFC 5321 §4.2).
///
/// A multi-line reply is `250-first`, `250-second`, …, `250 last`; every line of one reply must
/// carry the same code. Bare LF line ends are tolerated.
public struct SMTPReplyParser: Sendable {
    /// The longest reply line accepted; RFC 5321 allows 512, servers sometimes send more.
    public static let maximumLineLength = 4096
    /// The most lines one reply may have.
    public static let maximumLines = 256

    private var buffer: [UInt8] = []
    private var pendingCode: Int?
    private var pendingLines: [String] = []

    /// A parser with nothing buffered.
    public init() {}

    /// Whether bytes of an unfinished reply are buffered.
    public var hasPartialReply: Bool { !buffer.isEmpty || pendingCode != nil }

    /// Adds `bytes` and returns every reply they complete, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(SMTPError) -> [SMTPReply] {
        buffer.append(contentsOf: bytes)
        var replies: [SMTPReply] = []
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            var line = Array(buffer[..<newline])
            buffer.removeSubrange(...newline)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if let reply = try accept(line) { replies.append(reply) }
        }
        if buffer.count > Self.maximumLineLength {
            throw Self.malformed("a reply line longer than \(Self.maximumLineLength) bytes")
        }
        return replies
    }

    private mutating func accept(_ line: [UInt8]) throws(SMTPError) -> SMTPReply? {
        guard line.count >= 3, line.count <= Self.maximumLineLength,
              line[0..<3].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let code = Int(String(decoding: line[0..<3], as: UTF8.self)), (200...599).contains(code)
        else {
            throw Self.malformed("\"\(String(decoding: line.prefix(80), as: UTF8.self))\" is not a reply line")
        }
        let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw Self.malformed("reply line \"\(String(decoding: line.prefix(80), as: UTF8.self))\" has no space or dash after the code")
        }
        if let pendingCode, pendingCode != code {
            throw Self.malformed("a multi-line reply changed code from \(pendingCode) to \(code)")
        }
        pendingCode = code
        pendingLines.append(line.count > 4 ? String(decoding: line[4...], as: UTF8.self) : "")
        guard pendingLines.count <= Self.maximumLines else {
            throw Self.malformed("a reply of more than \(Self.maximumLines) lines")
        }
        guard separator == UInt8(ascii: " ") else { return nil }
        let reply = SMTPReply(code: code, lines: pendingLines)
        pendingCode = nil
        pendingLines = []
        return reply
    }

    private static func malformed(_ what: String) -> SMTPError {
        SMTPError(code: nil, message: "the server sent \(what); is this an SMTP server?", isPermanent: false, stage: "reply")
    }
}
