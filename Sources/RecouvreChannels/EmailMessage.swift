import Foundation
import RecouvreCore

/// An outgoing e-mail: plain text, optionally with an HTML alternative and attachments, and
/// threaded with the earlier messages of its case.
///
/// `messageID` is derived from the action that sends it, so a message sent again after a crash
/// carries the same id and the duplicate is recognisable downstream.
public struct EmailMessage: Sendable {
    /// The sender's address.
    public let from: String
    /// The sender's display name.
    public let fromName: String?
    /// The recipient's address.
    public let to: String
    /// The recipient's display name.
    public let toName: String?
    /// The subject, as text (encoded when rendered).
    public let subject: String
    /// The plain-text body, as text (encoded when rendered).
    public let textBody: String
    /// The Message-ID, with or without angle brackets.
    public let messageID: String
    /// The Date header.
    public let date: Date
    /// Extra header fields, in order (e.g. `Reply-To`, `Auto-Submitted`).
    public let headers: [(String, String)]
    /// The same content as HTML, sent as a `multipart/alternative` beside the text.
    public let htmlBody: String?
    /// Files sent with the message (`multipart/mixed`).
    public let attachments: [EmailAttachment]
    /// The Message-ID this one answers (`In-Reply-To`): the previous message of the case.
    public let inReplyTo: String?
    /// The Message-IDs of the thread, oldest first (`References`).
    public let references: [String]

    /// Creates a message.
    public init(from: String, fromName: String?, to: String, toName: String?, subject: String, textBody: String, messageID: String, date: Date,
                headers: [(String, String)] = [], htmlBody: String? = nil, attachments: [EmailAttachment] = [],
                inReplyTo: String? = nil, references: [String] = []) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.toName = toName
        self.subject = subject
        self.textBody = textBody
        self.messageID = messageID
        self.date = date
        self.headers = headers
        self.htmlBody = htmlBody
        self.attachments = attachments
        self.inReplyTo = inReplyTo
        self.references = references
    }

    /// A stable Message-ID for the action `action` of `tenant`, e.g.
    /// `<action-42.acme@recouvre.example>`; `domain` is normally the From address's domain.
    public static func messageID(action: Int64, tenant: String, domain: String) -> String {
        let safeTenant = tenant.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        let safeDomain = domain.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
        return "<action-\(action).\(safeTenant)@\(safeDomain.isEmpty ? "localhost" : safeDomain)>"
    }

    /// The message as RFC 5322 text with CRLF line ends, ready for SMTP DATA (before dot-stuffing).
    ///
    /// Non-ASCII header text is sent as RFC 2047 encoded words and folded to 78 characters; text
    /// and HTML are UTF-8 in quoted-printable and attachments base64, lines of at most 76
    /// characters. A text-only message is a single `text/plain` part.
    public func rendered() -> String {
        var fields: [String] = [
            MIMEEncoding.header("From", words: MIMEEncoding.mailboxWords(address: from, name: fromName)),
            MIMEEncoding.header("To", words: MIMEEncoding.mailboxWords(address: to, name: toName)),
            MIMEEncoding.header("Subject", words: MIMEEncoding.unstructuredWords(subject)),
            "Date: " + EmailDate.formatted(date),
            "Message-ID: " + bracketedMessageID,
        ]
        if let inReplyTo, case let id = Self.bracketed(inReplyTo), id != "<>" {
            fields.append("In-Reply-To: " + id)
        }
        let thread = references.map(Self.bracketed).filter { $0 != "<>" }
        if !thread.isEmpty {
            fields.append(MIMEEncoding.header("References", words: thread))
        }
        fields.append("MIME-Version: 1.0")
        let content = MIMEPart.body(text: textBody, html: htmlBody, attachments: attachments, boundarySeed: bracketedMessageID)
        fields.append(contentsOf: content.headers)
        for (name, value) in headers {
            let cleanName = name.filter { $0.isASCII && $0 != ":" && !$0.isWhitespace && !$0.isNewline }
            guard !cleanName.isEmpty else { continue }
            fields.append(MIMEEncoding.header(cleanName, words: MIMEEncoding.unstructuredWords(value)))
        }
        return fields.joined(separator: "\r\n") + "\r\n\r\n" + content.body
    }

    private static func bracketed(_ id: String) -> String {
        "<" + MIMEEncoding.singleLine(id).filter { $0 != "<" && $0 != ">" && $0 != " " } + ">"
    }

    /// The Message-ID with its angle brackets.
    public var bracketedMessageID: String {
        let bare = MIMEEncoding.singleLine(messageID).filter { $0 != "<" && $0 != ">" && $0 != " " }
        return "<" + bare + ">"
    }
}
