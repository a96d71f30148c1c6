/// Where e-mail is handed over: `smtp://[user:pass@]host[:port]`, port 25 by default.
public struct SMTPRelay: Sendable, Hashable, CustomStringConvertible {
    /// The host name or IP address (an IPv6 address without brackets).
    public let host: String
    /// The TCP port.
    public let port: Int
    /// The user name, when the URL has credentials.
    public let user: String?
    /// The password, when the URL has one.
    public let password: String?

    /// The shape every relay URL must have, for error messages.
    public static let expectedShape = "smtp://[user:password@]host[:port], e.g. smtp://127.0.0.1:2525"

    /// Parses a relay URL.
    public init(url: String) throws(SMTPError) {
        func invalid(_ why: String) -> SMTPError {
            SMTPError(code: nil, message: "invalid SMTP relay \"\(Self.redact(url))\": \(why); expected \(Self.expectedShape)", isPermanent: true, stage: "configuration")
        }
        guard let schemeEnd = url.range(of: "://") else { throw invalid("no scheme") }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "smtp" else {
            throw invalid(scheme == "smtps" ? "TLS is not supported yet, use smtp://" : "the scheme must be smtp, not \(scheme)")
        }
        var rest = Substring(url[schemeEnd.upperBound...])
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.contains("/"), !rest.contains("?"), !rest.contains("#") else {
            throw invalid("a relay URL has no path, query or fragment")
        }
        var user: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let parts = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first, !name.isEmpty, let decodedName = Self.percentDecoded(name) else {
                throw invalid("the user name is empty or badly percent-encoded")
            }
            user = decodedName
            if parts.count == 2 {
                guard let decoded = Self.percentDecoded(parts[1]) else { throw invalid("the password is badly percent-encoded") }
                password = decoded
            }
        }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw invalid("an IPv6 address lacks its closing ]") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw invalid("unexpected text after the IPv6 address") }
                portText = after.dropFirst()
            }
        } else {
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2 else { throw invalid("too many colons; write an IPv6 address in brackets") }
            host = parts[0]
            if parts.count == 2 { portText = parts[1] }
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-_:".contains($0)) }) else {
            throw invalid("the host is empty or has characters a host name cannot have")
        }
        var port = 25
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw invalid("the port must be a number from 1 to 65535")
            }
            port = value
        }
        self.host = String(host)
        self.port = port
        self.user = user
        self.password = password
    }

    /// Whether the URL carries credentials (SMTP AUTH).
    public var hasCredentials: Bool { user != nil }

    /// The URL with the password hidden, safe for logs.
    public var redacted: String {
        let hostPart = host.contains(":") ? "[" + host + "]" : host
        var credentials = ""
        if let user {
            credentials = Self.percentEncoded(user) + (password == nil ? "" : ":***") + "@"
        }
        return "smtp://" + credentials + hostPart + ":" + String(port)
    }

    public var description: String { redacted }

    private static func redact(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://"), let at = url[schemeEnd.upperBound...].lastIndex(of: "@") else { return url }
        let credentials = url[schemeEnd.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    private static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func percentEncoded(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 128, Character(scalar).isLetter || Character(scalar).isNumber || "-._~".unicodeScalars.contains(scalar) {
                output.unicodeScalars.append(scalar)
            } else {
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
