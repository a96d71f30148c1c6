/// A failed SMTP delivery.
public struct SMTPError: Error, Sendable, CustomStringConvertible {
    /// The server's reply code, when the server answered; nil for network and local errors.
    public let code: Int?
    /// What happened, with the server's text when there is one.
    public let message: String
    /// Whether trying again cannot help (a 5xx reply, or a message that can never be sent).
    public let isPermanent: Bool
    /// Where in the dialogue it failed: `connect`, `greeting`, `EHLO`, `MAIL FROM`, `RCPT TO`,
    /// `DATA`, `message`, `configuration`, …
    public let stage: String
    /// The whole message had been written when the connection failed, before the relay's
    /// answer: it may have taken the message. Sending it again risks a duplicate, not sending
    /// it risks a loss; at-least-once delivery sends it again with the same Message-ID.
    public let outcomeUnknown: Bool

    /// Creates an error.
    public init(code: Int?, message: String, isPermanent: Bool, stage: String, outcomeUnknown: Bool = false) {
        self.code = code
        self.message = message
        self.isPermanent = isPermanent
        self.stage = stage
        self.outcomeUnknown = outcomeUnknown
    }

    /// The error a server reply makes at `stage`.
    static func reply(_ reply: SMTPReply, stage: String) -> SMTPError {
        SMTPError(code: reply.code, message: reply.text, isPermanent: reply.code >= 500, stage: stage)
    }

    public var description: String {
        let kind = isPermanent ? "permanent" : "temporary"
        if let code {
            return "SMTP \(stage) failed (\(kind)): server replied \(code) \(message)"
        }
        return "SMTP \(stage) failed (\(kind)): \(message)"
    }
}
