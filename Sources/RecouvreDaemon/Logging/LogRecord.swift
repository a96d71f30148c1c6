import Foundation
import Logging

/// One log record turned into a line: `logfmt` or JSON, with the syslog priority prefix and
/// without the timestamp when journald reads the stream (it stamps records itself).
///
/// Pure, so that quoting and escaping are tested without a stream.
public struct LogRecord: Sendable {
    public var time: Date
    public var level: Logger.Level
    public var message: String
    /// Fields in the order written after `time`, `level` and `msg`: sorted by key, so that two
    /// records with the same fields read alike.
    public var fields: [(key: String, value: String)]

    public init(time: Date, level: Logger.Level, message: String, metadata: Logger.Metadata) {
        self.time = time
        self.level = level
        self.message = message
        var flat: [(String, String)] = []
        for (key, value) in metadata { Self.flatten(key, value, into: &flat) }
        fields = flat.sorted { $0.0 < $1.0 }.map { (key: $0.0, value: $0.1) }
    }

    /// Nested dictionaries become dotted keys; lists are written as `[a, b]`.
    private static func flatten(_ key: String, _ value: Logger.MetadataValue, into fields: inout [(String, String)]) {
        switch value {
        case .dictionary(let dictionary):
            for (inner, value) in dictionary { flatten("\(key).\(inner)", value, into: &fields) }
        default:
            fields.append((key, value.description))
        }
    }

    /// sd-daemon(3) priorities: journald strips a leading `<N>` and records N as the priority.
    public static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// The record as one line, without the final newline.
    public func line(format: LogFormat, journal: Bool) -> String {
        var pairs: [(String, String)] = []
        if !journal { pairs.append(("time", time.formatted(Self.timeStyle))) }
        pairs.append(("level", level.rawValue))
        pairs.append(("msg", message))
        for field in fields where !["time", "level", "msg"].contains(field.key) { pairs.append((field.key, field.value)) }
        let body: String
        switch format {
        case .logfmt:
            body = pairs.map { "\(Self.logfmtKey($0.0))=\(Self.logfmtValue($0.1))" }.joined(separator: " ")
        case .json:
            body = "{" + pairs.map { "\(Self.jsonString($0.0)):\(Self.jsonString($0.1))" }.joined(separator: ",") + "}"
        }
        return journal ? "<\(Self.syslogPriority(level))>" + body : body
    }

    private static let timeStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// A logfmt value: bare when it is a plain word, else in double quotes with `"`, `\` and
    /// control characters escaped, so that a record never spans two lines.
    public static func logfmtValue(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar.value != 0x7F && scalar != "\"" && scalar != "=" && scalar != "\\"
                && !(0x80...0x9F).contains(scalar.value) && scalar != "\u{2028}" && scalar != "\u{2029}"
        }
        return plain ? value : "\"" + escaped(value) + "\""
    }

    /// Keys are ours, but a key with a space or `=` would break the line: those become `_`.
    static func logfmtKey(_ key: String) -> String {
        String(key.map { $0 == " " || $0 == "=" || $0 == "\"" || $0.isNewline ? "_" : $0 })
    }

    /// A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped.
    public static func jsonString(_ value: String) -> String {
        "\"" + escaped(value) + "\""
    }

    /// The escapes logfmt and JSON share: `\"`, `\\`, `\n`, `\r`, `\t`, and `\u00XX` for the
    /// other control characters (and the Unicode line separators, which some readers split on).
    private static func escaped(_ value: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(value.unicodeScalars.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar == "\u{2028}" || scalar == "\u{2029}":
                result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
