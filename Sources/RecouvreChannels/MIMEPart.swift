/// One MIME entity of an outgoing e-mail: its content header fields and its encoded body,
/// CRLF line ends throughout (RFC 2045, 2046, 2183, 2231).
struct MIMEPart {
    /// `Content-Type`, `Content-Transfer-Encoding` and, for files, `Content-Disposition`.
    let headers: [String]
    /// The encoded body, ending in CRLF.
    let body: String

    /// The body of a message: text alone; text and HTML as alternatives; either of those
    /// followed by attachments.
    static func body(text: String, html: String?, attachments: [EmailAttachment], boundarySeed: String) -> MIMEPart {
        var main = textPart(text, subtype: "plain")
        if let html {
            main = multipart("alternative", [main, textPart(html, subtype: "html")], boundary: boundary(boundarySeed, level: 1))
        }
        guard !attachments.isEmpty else { return main }
        return multipart("mixed", [main] + attachments.map(filePart), boundary: boundary(boundarySeed, level: 0))
    }

    static func textPart(_ text: String, subtype: String) -> MIMEPart {
        var body = MIMEEncoding.quotedPrintable(text)
        if !body.hasSuffix("\r\n") { body += "\r\n" }
        return MIMEPart(headers: ["Content-Type: text/\(subtype); charset=utf-8", "Content-Transfer-Encoding: quoted-printable"], body: body)
    }

    static func filePart(_ file: EmailAttachment) -> MIMEPart {
        let type = file.contentType.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || "/.+-".contains($0)) }
        let mediaType = type.split(separator: "/").count == 2 ? type : "application/octet-stream"
        let name = MIMEEncoding.singleLine(file.filename)
        var nameParameters: [String]
        if MIMEEncoding.isPlainASCII(name) && !name.contains("=?") {
            let quoted = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            nameParameters = ["filename=" + quoted]
            return MIMEPart(headers: [
                "Content-Type: " + mediaType + ";\r\n name=" + quoted,
                "Content-Disposition: attachment;\r\n " + nameParameters.joined(separator: ";\r\n "),
                "Content-Transfer-Encoding: base64",
            ], body: base64Lines(file.data))
        }
        // RFC 2231 for the disposition, which mail readers prefer; an encoded word in `name`
        // for the older ones.
        nameParameters = ["filename*=utf-8''" + percentEncoded(name)]
        return MIMEPart(headers: [
            "Content-Type: " + mediaType + ";\r\n name=\"" + MIMEEncoding.encodedWords(name).joined(separator: " ") + "\"",
            "Content-Disposition: attachment;\r\n " + nameParameters.joined(separator: ";\r\n "),
            "Content-Transfer-Encoding: base64",
        ], body: base64Lines(file.data))
    }

    static func multipart(_ subtype: String, _ parts: [MIMEPart], boundary: String) -> MIMEPart {
        // The CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1): each part's own
        // final line end is kept by writing one more.
        var body = ""
        for (index, part) in parts.enumerated() {
            body += (index == 0 ? "" : "\r\n") + "--" + boundary + "\r\n" + part.headers.joined(separator: "\r\n") + "\r\n\r\n" + part.body
        }
        body += "\r\n--" + boundary + "--\r\n"
        return MIMEPart(headers: ["Content-Type: multipart/\(subtype);\r\n boundary=\"" + boundary + "\""], body: body)
    }

    /// A boundary that cannot occur in the parts: quoted-printable writes "=" only as "=XX" or at a
    /// line end, and base64 never writes "_", so "=_" never starts a line of content.
    static func boundary(_ seed: String, level: Int) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return "=_recouvre_\(level)_" + String(hash, radix: 16)
    }

    /// Base64 in lines of 76 characters, each ending in CRLF.
    static func base64Lines(_ data: [UInt8]) -> String {
        let encoded = Array(MIMEEncoding.base64(data).utf8)
        var output = ""
        var index = 0
        while index < encoded.count {
            let end = min(index + MIMEEncoding.maximumBodyLine, encoded.count)
            output += String(decoding: encoded[index..<end], as: UTF8.self) + "\r\n"
            index = end
        }
        return output
    }

    private static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        for byte in text.utf8 {
            if byte < 128, byte > 32, !"*'%()<>@,;:\\\"/[]?={}".utf8.contains(byte) {
                output.append(byte)
            } else {
                output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
