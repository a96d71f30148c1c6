import Foundation

/// One message as the loopback SMTP server stored it.
public struct CapturedMessage: Sendable {
    /// Header fields in order, names as sent.
    public let headers: [(name: String, value: String)]
    /// The plain-text body (of a multipart message, its text/plain part), transfer encoding undone.
    public let body: String
    /// The leaf MIME parts, decoded.
    public let parts: [CapturedPart]
    /// The raw bytes as received, decoded as UTF-8.
    public let raw: String

    /// The first value of a header, by case-insensitive name, unfolded.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// A header with RFC 2047 encoded words (`=?utf-8?B?...?=`, `=?utf-8?Q?...?=`) decoded.
    public func decodedHeader(_ name: String) -> String? {
        guard let value = header(name) else { return nil }
        var result = ""
        var rest = Substring(value)
        var previousWasEncoded = false
        while let start = rest.range(of: "=?") {
            let between = rest[..<start.lowerBound]
            if !(previousWasEncoded && between.allSatisfy(\.isWhitespace)) { result += between }
            let afterStart = rest[start.upperBound...]
            let pieces = afterStart.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard pieces.count == 4, pieces[3].hasPrefix("=") else { result += rest; return result }
            let encoding = pieces[1].uppercased()
            let text = String(pieces[2])
            if encoding == "B", let data = Data(base64Encoded: text) {
                result += String(decoding: data, as: UTF8.self)
            } else {
                result += Self.decodeQuotedPrintable(text.replacingOccurrences(of: "_", with: " "))
            }
            rest = pieces[3].dropFirst()
            previousWasEncoded = true
        }
        return result + rest
    }

    public init(raw: String) {
        self.raw = raw
        let normalized = raw.replacingOccurrences(of: "\r\n", with: "\n")
        let (headers, body) = CapturedPart.split(normalized)
        self.headers = headers
        parts = CapturedPart.leaves(headers: headers, body: body)
        // The text a reader sees: the plain-text part of a multipart message.
        self.body = parts.first { $0.contentType == "text/plain" && $0.filename == nil }?.text ?? parts.first?.text ?? body
    }

    /// The HTML alternative, if the message has one.
    public var html: String? { parts.first { $0.contentType == "text/html" && $0.filename == nil }?.text }

    /// The attached files.
    public var attachments: [CapturedPart] { parts.filter { $0.filename != nil } }

    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.replacingOccurrences(of: "=\n", with: "").utf8)
        var i = 0
        while i < input.count {
            if input[i] == UInt8(ascii: "="), i + 2 < input.count,
               let value = UInt8(String(decoding: input[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                i += 3
            } else {
                bytes.append(input[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Reads the Maildir the test SMTP server writes, and waits for messages with a deadline.
public struct CapturedMailbox: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// The mailbox `make test` set up.
    public static func fromEnvironment() throws -> CapturedMailbox {
        CapturedMailbox(directory: try TestEnvironment.maildir())
    }

    /// Every stored message whose `To` header contains `recipient`.
    public func messages(to recipient: String) -> [CapturedMessage] {
        var result: [CapturedMessage] = []
        for sub in ["new", "cur"] {
            let folder = directory.appendingPathComponent(sub)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
                let message = CapturedMessage(raw: String(decoding: data, as: UTF8.self))
                if message.header("To")?.localizedCaseInsensitiveContains(recipient) == true {
                    result.append(message)
                }
            }
        }
        return result
    }

    /// Waits until at least `count` messages for `recipient` arrived, or the deadline passes.
    public func waitForMessages(to recipient: String, count: Int = 1, timeout: Duration = .seconds(20)) async throws -> [CapturedMessage] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            let found = messages(to: recipient)
            if found.count >= count || clock.now >= deadline { return found }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
