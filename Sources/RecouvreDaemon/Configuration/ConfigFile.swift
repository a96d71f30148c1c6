/// A parsed configuration file: `[section]` headers and `key = value` lines, where a value is
/// a "string", an integer, true/false, or an [array] of those — the subset of TOML that
/// Recouvre's configuration uses. `#` starts a comment.
///
/// Parsing is strict: an unknown key, a malformed line or a value of the wrong type is an
/// error naming the file's line, so a typo never silently falls back to a default.
public struct ConfigFile: Sendable, Equatable {
    /// One configuration value.
    public enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int)
        case boolean(Bool)
        case array([Value])
    }

    /// Values by `section.key`, with the line each came from.
    public private(set) var values: [String: (value: Value, line: Int)] = [:]

    public static func == (lhs: ConfigFile, rhs: ConfigFile) -> Bool {
        lhs.values.mapValues(\.value) == rhs.values.mapValues(\.value)
    }

    /// Parses `text`; `name` is used in error messages.
    public init(parsing text: String, name: String) throws(ConfigurationError) {
        var section = ""
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = Self.stripComment(String(rawLine)).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw ConfigurationError(file: name, line: lineNumber, message: "a section header looks like [name]")
                }
                section = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw ConfigurationError(file: name, line: lineNumber, message: "expected key = value")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ConfigurationError(file: name, line: lineNumber, message: "'\(key)' is not a valid key name")
            }
            let fullKey = section.isEmpty ? key : "\(section).\(key)"
            guard values[fullKey] == nil else {
                throw ConfigurationError(file: name, line: lineNumber, message: "\(fullKey) is set twice")
            }
            let valueText = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            do {
                values[fullKey] = (try Self.parseValue(valueText), lineNumber)
            } catch {
                throw ConfigurationError(file: name, line: lineNumber, message: "\(fullKey): \(error.message)")
            }
        }
    }

    private struct ValueError: Error { let message: String }

    private static func parseValue(_ text: String) throws(ValueError) -> Value {
        if text.hasPrefix("\"") {
            guard text.count >= 2, text.hasSuffix("\"") else { throw ValueError(message: "unterminated string") }
            var result = ""
            var escaping = false
            for character in text.dropFirst().dropLast() {
                if escaping {
                    switch character {
                    case "n": result.append("\n")
                    case "t": result.append("\t")
                    case "\"", "\\": result.append(character)
                    default: throw ValueError(message: "unknown escape \\\(character) in string")
                    }
                    escaping = false
                } else if character == "\\" {
                    escaping = true
                } else if character == "\"" {
                    throw ValueError(message: "unescaped quote inside string")
                } else {
                    result.append(character)
                }
            }
            return .string(result)
        }
        if text == "true" { return .boolean(true) }
        if text == "false" { return .boolean(false) }
        if text.hasPrefix("[") {
            guard text.hasSuffix("]") else { throw ValueError(message: "unterminated array") }
            let inner = text.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            if inner.isEmpty { return .array([]) }
            return .array(try inner.split(separator: ",").map { item throws(ValueError) in
                try parseValue(item.trimmingCharacters(in: .whitespaces))
            })
        }
        if let integer = Int(text.replacingOccurrences(of: "_", with: "")) { return .integer(integer) }
        throw ValueError(message: "'\(text)' is not a value: quote strings (\"...\"), or use a number, true, false or [ ... ]")
    }

    private static func stripComment(_ line: String) -> String {
        var inString = false
        var previous: Character = " "
        for (offset, character) in line.enumerated() {
            if character == "\"" && previous != "\\" { inString.toggle() }
            if character == "#" && !inString { return String(line.prefix(offset)) }
            previous = character
        }
        return line
    }
}
