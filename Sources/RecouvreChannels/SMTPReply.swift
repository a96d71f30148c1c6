/// One reply from an SMTP server: a three-digit code and one or more lines of text.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    /// The reply code, e.g. 250.
    public let code: Int
    /// The text of each line, without the code and separator.
    public let lines: [String]

    /// Creates a reply.
    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// The lines joined by spaces.
    public var text: String { lines.joined(separator: " ") }

    /// 2xx: the command succeeded.
    public var isSuccess: Bool { (200..<300).contains(code) }

    /// 3xx: the server waits for more (after DATA).
    public var isIntermediate: Bool { (300..<400).contains(code) }

    /// The reply as the server wrote it, last line only ("250 OK: queued as 12345").
    public var description: String {
        "\(code) " + (lines.last ?? "")
    }
}
