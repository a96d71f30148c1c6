/// Where e-mail is handed over, and how securely.
///
/// - `smtp://[user:password@]host[:port]`: plain SMTP, port 25 by default;
/// - `…?starttls=required`: STARTTLS before anything else, never in clear;
/// - `…?starttls=opportunistic`: STARTTLS when the relay offers it, else in clear;
/// - `smtps://[user:password@]host[:port]`: TLS from the first byte, port 465 by default;
/// - `…&cafile=/path/ca.pem`: the certificates to trust instead of the system's.
///
/// User and password are percent-decoded; they are used for SMTP AUTH.
public struct SMTPRelay: Sendable, Hashable, CustomStringConvertible {
    /// How the connection to the relay is protected.
    public enum Security: String, Sendable, Hashable {
        /// Plain SMTP, no TLS.
        case none
        /// STARTTLS when offered; in clear otherwise.
        case startTLSOpportunistic
        /// STARTTLS, or nothing is sent.
        case startTLSRequired
        /// TLS from the first byte (`smtps://`).
        case implicitTLS

        /// Whether a TLS session is certain before the first SMTP command.
        public var requiresTLS: Bool { self == .startTLSRequired || self == .implicitTLS }
    }

    /// The host name or IP address (an IPv6 address without brackets).
    public let host: String
    /// The TCP port.
    public let port: Int
    /// The user name, when the URL has credentials.
    public let user: String?
    /// The password, when the URL has one.
    public let password: String?
    /// How the connection is protected.
    public let security: Security
    /// A PEM file of certificates to trust (`cafile=`); nil for the system's store.
    public let caFile: String?

    /// The shape every relay URL must have, for error messages.
    public static let expectedShape = "smtp://[user:password@]host[:port][?starttls=required|opportunistic][&cafile=/path] or smtps://[user:password@]host[:port][?cafile=/path], e.g. smtp://127.0.0.1:2525"

    /// Parses a relay URL.
    public init(url: String) throws(SMTPError) {
        func invalid(_ why: String) -> SMTPError {
            SMTPError(code: nil, message: "invalid SMTP relay \"\(Self.redact(url))\": \(why); expected \(Self.expectedShape)", isPermanent: true, stage: "configuration")
        }
        guard let schemeEnd = url.range(of: "://") else { throw invalid("no scheme") }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "smtp" || scheme == "smtps" else {
            throw invalid("the scheme must be smtp or smtps, not \(scheme)")
        }
        var rest = Substring(url[schemeEnd.upperBound...])
        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.contains("/"), !rest.contains("#"), query?.contains("#") != true else {
            throw invalid("a relay URL has no path or fragment")
        }
        var security: Security = scheme == "smtps" ? .implicitTLS : .none
        var caFile: String?
        for parameter in (query ?? "").split(separator: "&") {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = pair[0].lowercased()
            guard pair.count == 2, let value = Self.percentDecoded(pair[1]), !value.isEmpty else {
                throw invalid("the parameter \(name) has no value")
            }
            switch name {
            case "starttls":
                guard scheme == "smtp" else { throw invalid("starttls= goes with smtp://; smtps:// is TLS from the start") }
                switch value.lowercased() {
                case "required": security = .startTLSRequired
                case "opportunistic": security = .startTLSOpportunistic
                default: throw invalid("starttls is required or opportunistic, not \(value)")
                }
            case "cafile":
                guard value.hasPrefix("/") else { throw invalid("cafile must be an absolute path") }
                caFile = value
            default:
                throw invalid("unknown parameter \(name); known: starttls, cafile")
            }
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
        var port = scheme == "smtps" ? 465 : 25
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
        self.security = security
        self.caFile = caFile
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
        var parameters: [String] = []
        switch security {
        case .startTLSRequired: parameters.append("starttls=required")
        case .startTLSOpportunistic: parameters.append("starttls=opportunistic")
        case .none, .implicitTLS: break
        }
        if let caFile { parameters.append("cafile=" + Self.percentEncoded(caFile, keeping: "/")) }
        let scheme = security == .implicitTLS ? "smtps://" : "smtp://"
        return scheme + credentials + hostPart + ":" + String(port) + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
    }

    /// The URL libcurl is given: scheme, host and port, and the EHLO name as its path.
    func curlURL(heloName: String) -> String {
        let hostPart = host.contains(":") ? "[" + host + "]" : host
        let scheme = security == .implicitTLS ? "smtps://" : "smtp://"
        return scheme + hostPart + ":" + String(port) + "/" + Self.percentEncoded(heloName, keeping: "")
    }

    public var description: String { redacted }

    private static func redact(_ url: String) -> String {
        let authority = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard let schemeEnd = authority.range(of: "://"), let at = authority[schemeEnd.upperBound...].lastIndex(of: "@") else { return url }
        let credentials = authority[schemeEnd.upperBound..<at]
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

    private static func percentEncoded(_ text: String, keeping extra: String = "") -> String {
        var output = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 128, Character(scalar).isLetter || Character(scalar).isNumber || "-._~".unicodeScalars.contains(scalar)
                || extra.unicodeScalars.contains(scalar) {
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
