/// A file attached to an e-mail (a PDF letter, a statement), sent in base64.
public struct EmailAttachment: Sendable, Equatable {
    /// The file name the recipient sees, e.g. `mise-en-demeure-F-2026-0042.pdf`.
    public let filename: String
    /// The media type, e.g. `application/pdf`.
    public let contentType: String
    /// The file's bytes.
    public let data: [UInt8]

    /// Creates an attachment.
    public init(filename: String, contentType: String = "application/pdf", data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}
