import Foundation

/// Decodes RFC 2047 encoded words the way a mail reader does, to check what recipients see.
enum HeaderDecoding {
    static func decode(_ value: String) -> String {
        var output = ""
        var pendingSpace = ""
        var previousWasEncoded = false
        for token in value.split(separator: " ", omittingEmptySubsequences: false) {
            if let decoded = decodeWord(String(token)) {
                // Whitespace between two encoded words is not part of the text.
                output += (previousWasEncoded ? "" : pendingSpace) + decoded
                previousWasEncoded = true
            } else {
                output += pendingSpace + token
                previousWasEncoded = false
            }
            pendingSpace = " "
        }
        return output
    }

    private static func decodeWord(_ word: String) -> String? {
        guard word.hasPrefix("=?"), word.hasSuffix("?=") else { return nil }
        let parts = word.dropFirst(2).dropLast(2).split(separator: "?", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].lowercased() == "utf-8" else { return nil }
        switch parts[1].uppercased() {
        case "B":
            guard let data = Data(base64Encoded: String(parts[2])) else { return nil }
            return String(data: data, encoding: .utf8)
        case "Q":
            var bytes: [UInt8] = []
            var iterator = Array(parts[2].utf8).makeIterator()
            while let byte = iterator.next() {
                if byte == UInt8(ascii: "_") {
                    bytes.append(32)
                } else if byte == UInt8(ascii: "="), let h = iterator.next(), let l = iterator.next(),
                          let value = UInt8(String(decoding: [h, l], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                } else {
                    bytes.append(byte)
                }
            }
            return String(bytes: bytes, encoding: .utf8)
        default:
            return nil
        }
    }
}
