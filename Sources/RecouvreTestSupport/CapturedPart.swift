import Foundation

/// One leaf MIME part of a captured message: its media type, file name if any, and its body
/// with the transfer encoding undone.
public struct CapturedPart: Sendable {
    /// `text/plain`, `text/html`, `application/pdf`, … lowercased, without parameters.
    public let contentType: String
    /// The attachment's file name, when the part is a file.
    public let filename: String?
    /// The decoded bytes.
    public let data: Data
    /// The decoded bytes as UTF-8 text.
    public var text: String { String(decoding: data, as: UTF8.self) }

    /// The leaf parts of an entity given by its header fields and body (LF line ends),
    /// descending into `multipart/*` by their boundaries (RFC 2046 §5.1).
    static func leaves(headers: [(name: String, value: String)], body: String) -> [CapturedPart] {
        let type = field(headers, "content-type") ?? "text/plain"
        let mediaType = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? "text/plain"
        if mediaType.hasPrefix("multipart/"), let boundary = parameter(type, "boundary") {
            let delimiter = "--" + boundary
            var parts: [CapturedPart] = []
            var sections = body.components(separatedBy: "\n" + delimiter)
            // What precedes the first delimiter is the preamble (the body may start with it).
            if body.hasPrefix(delimiter) { sections[0] = String(sections[0].dropFirst(delimiter.count)) } else { sections.removeFirst() }
            for section in sections where !section.hasPrefix("--") {
                let entity = section.drop { $0 != "\n" }.dropFirst()
                let (partHeaders, partBody) = split(String(entity))
                parts += leaves(headers: partHeaders, body: partBody)
            }
            return parts
        }
        let encoding = field(headers, "content-transfer-encoding")?.lowercased()
        let data: Data
        switch encoding {
        case "base64": data = Data(base64Encoded: body.filter { !$0.isWhitespace }) ?? Data()
        case "quoted-printable": data = Data(CapturedMessage.decodeQuotedPrintable(body).utf8)
        default: data = Data(body.utf8)
        }
        let disposition = field(headers, "content-disposition")
        let name = disposition.flatMap { parameter($0, "filename") } ?? parameter(type, "name")
        return [CapturedPart(contentType: mediaType, filename: name, data: data)]
    }

    /// Header fields (folded lines joined) and body of an entity.
    static func split(_ entity: String) -> (headers: [(name: String, value: String)], body: String) {
        let separator = entity.range(of: "\n\n")
        let head = separator.map { String(entity[..<$0.lowerBound]) } ?? entity
        let body = separator.map { String(entity[$0.upperBound...]) } ?? ""
        var headers: [(name: String, value: String)] = []
        for line in head.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return (headers, body)
    }

    private static func field(_ headers: [(name: String, value: String)], _ name: String) -> String? {
        headers.first { $0.name.lowercased() == name }?.value
    }

    /// A parameter of a structured field, quoted or not: `boundary="x"`, `filename=a.pdf`.
    private static func parameter(_ value: String, _ name: String) -> String? {
        for piece in value.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var text = pair[1].trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
            return text
        }
        return nil
    }
}
