/// A reminder e-mail's rendered text.
public struct ReminderContent: Sendable, Hashable {
    /// The subject line, on one line.
    public let subject: String
    /// The plain-text body, lines ending in `\n`.
    public let textBody: String

    /// Creates content.
    public init(subject: String, textBody: String) {
        self.subject = subject
        self.textBody = textBody
    }
}
