/// Why a letter could not be rendered.
public struct LetterRenderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was being done: "creating the PDF surface", "drawing page 2", "writing /tmp/x.pdf".
    public let operation: String
    /// cairo's text for its status, or the system's reason.
    public let reason: String

    /// Creates an error.
    public init(operation: String, reason: String) {
        self.operation = operation
        self.reason = reason
    }

    /// What failed and why, in one line.
    public var description: String { "letter rendering failed while \(operation): \(reason)" }
}
