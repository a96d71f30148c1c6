import Foundation

/// The encodings an e-mail needs to carry UTF-8 text over 7-bit SMTP.
enum MIMEEncoding {
    static let maximumHeaderLine = 78
    static let maximumBodyLine = 76
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// Quoted-printable (RFC 2045 §6.7) of `text`, with CRLF line ends and encoded lines of at
    /// most 76 characters (soft breaks end in `=`).
    static func quotedPrintable(_ text: String) -> String {
        var lines: [String] = []
        for line in lineBytes(text) {
            lines.append(contentsOf: quotedPrintableLine(line))
        }
        return lines.joined(separator: "\r\n")
    }

    /// The lines of `text` as UTF-8 bytes, split at CRLF, CR or LF. Works on bytes, not on
    /// Swift characters: a line break followed by a combining mark is one `Character`, and
    /// string-level matching would miss it.
    static func lineBytes(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == 10 {
                if !previousWasCR { lines.append(current) }
                current = []
                previousWasCR = false
            } else if byte == 13 {
                lines.append(current)
                current = []
                previousWasCR = true
            } else {
                current.append(byte)
                previousWasCR = false
            }
        }
        lines.append(current)
        return lines
    }

    private static func quotedPrintableLine(_ bytes: [UInt8]) -> [String] {
        var output: [String] = []
        var current: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 32 || byte == 9) && !isLast)
            let token: [UInt8] = literal ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            // Keep room for the soft-break "=", unless this token ends the line.
            let limit = isLast ? maximumBodyLine : maximumBodyLine - 1
            if current.count + token.count > limit {
                current.append(UInt8(ascii: "="))
                output.append(String(decoding: current, as: UTF8.self))
                current = []
            }
            current.append(contentsOf: token)
        }
        output.append(String(decoding: current, as: UTF8.self))
        return output
    }

    /// Whether `text` can go into a header as it is.
    static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 32 && $0 < 127 }
    }

    /// RFC 2047 "B" encoded words for `text`, each short enough for a folded header line, split
    /// only between characters so every word decodes on its own.
    static func encodedWords(_ text: String) -> [String] {
        // 39 bytes → 52 base64 characters → a 64-character word: fits after "Subject: ".
        let maximumBytes = 39
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > maximumBytes, !chunk.isEmpty {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk.append(contentsOf: bytes)
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + base64(bytes) + "?="
    }

    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            output.append(alphabet[Int(b0 >> 2)])
            output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            output.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            output.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A header field `name: value`, folded at spaces into lines of at most 78 characters where
    /// the words allow. `words` are joined by single spaces.
    static func header(_ name: String, words: [String]) -> String {
        var lines: [String] = []
        var line = name + ":"
        for word in words {
            if line.utf8.count + 1 + word.utf8.count > maximumHeaderLine, line != name + ":" {
                lines.append(line)
                line = ""
            }
            line += " " + word
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    /// The words of an unstructured header value (a subject): encoded words when it is not plain
    /// ASCII, or when a word could not fit on a header line (a long reference or URL), else the
    /// value split at spaces so it can fold.
    static func unstructuredWords(_ value: String) -> [String] {
        let clean = singleLine(value)
        let words = clean.split(separator: " ").map(String.init)
        if isPlainASCII(clean) && !clean.contains("=?") && words.allSatisfy({ $0.utf8.count <= 76 }) {
            return words
        }
        return encodedWords(clean)
    }

    /// A mailbox `Name <address>`; the name is quoted or encoded as needed.
    static func mailboxWords(address: String, name: String?) -> [String] {
        let cleanAddress = "<" + singleLine(address).filter { $0 != "<" && $0 != ">" && $0 != " " } + ">"
        guard let name, case let cleanName = singleLine(name), !cleanName.isEmpty else { return [cleanAddress] }
        if isPlainASCII(cleanName) && !cleanName.contains("=?") {
            let escaped = cleanName.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            let atomText = cleanName.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || "!#$%&'*+-/=?^_`{|}~".contains($0) }
            let phrase = atomText ? cleanName : "\"" + escaped + "\""
            return phrase.split(separator: " ", omittingEmptySubsequences: false).map(String.init) + [cleanAddress]
        }
        return encodedWords(cleanName) + [cleanAddress]
    }

    /// `value` on one line: CR, LF and other controls become spaces, so nothing can be injected
    /// as an extra header.
    static func singleLine(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
            .trimmingCharacters(in: .whitespaces)
    }
}
