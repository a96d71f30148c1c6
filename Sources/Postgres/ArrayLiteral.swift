/// Reads and writes PostgreSQL array literals such as `{a,"b c",NULL,"say \"hi\""}`.
///
/// Only the outer dimension is split: an element that is itself an array (`{{1,2},{3,4}}`) is
/// returned as its own literal text, so nested Swift arrays decode recursively.
enum ArrayLiteral {
    /// Splits a literal into its elements; an unquoted `NULL` becomes nil.
    static func parse(_ text: String) throws -> [String?] {
        var characters = Array(text.unicodeScalars)[...]
        // A literal with non-default bounds starts with a dimension decoration: `[0:2]={...}`.
        if characters.first == "[" {
            guard let equals = characters.firstIndex(of: "=") else { throw invalid(text, "dimension decoration without '='") }
            characters = characters[(equals + 1)...]
        }
        guard characters.first == "{", characters.last == "}" else { throw invalid(text, "it must start with '{' and end with '}'") }
        var body = characters.dropFirst().dropLast()
        var elements: [String?] = []
        skipSpaces(&body)
        if body.isEmpty { return [] }
        while true {
            skipSpaces(&body)
            elements.append(try element(&body, in: text))
            skipSpaces(&body)
            guard let next = body.popFirst() else { break }
            guard next == "," else { throw invalid(text, "expected ',' between elements, found '\(next)'") }
        }
        return elements
    }

    /// Builds a literal; every non-nil element is quoted, nil becomes `NULL`.
    /// Elements marked `nested` are written as they are (they are array literals themselves).
    static func format(_ elements: [(text: String?, nested: Bool)]) -> String {
        let parts = elements.map { element -> String in
            guard let text = element.text else { return "NULL" }
            if element.nested { return text }
            var quoted = "\""
            for scalar in text.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { quoted.unicodeScalars.append("\\") }
                quoted.unicodeScalars.append(scalar)
            }
            return quoted + "\""
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    private static func element(_ body: inout ArraySlice<Unicode.Scalar>, in text: String) throws -> String? {
        var value = String.UnicodeScalarView()
        switch body.first {
        case "\"":
            body.removeFirst()
            while true {
                guard let scalar = body.popFirst() else { throw invalid(text, "unterminated quoted element") }
                if scalar == "\"" { break }
                if scalar == "\\" {
                    guard let escaped = body.popFirst() else { throw invalid(text, "dangling backslash") }
                    value.append(escaped)
                } else {
                    value.append(scalar)
                }
            }
            return String(value)
        case "{":
            var depth = 0
            var inQuotes = false
            while let scalar = body.popFirst() {
                value.append(scalar)
                if inQuotes {
                    if scalar == "\\", let escaped = body.popFirst() {
                        value.append(escaped)
                    } else if scalar == "\"" {
                        inQuotes = false
                    }
                } else if scalar == "\"" {
                    inQuotes = true
                } else if scalar == "{" {
                    depth += 1
                } else if scalar == "}" {
                    depth -= 1
                    if depth == 0 { return String(value) }
                }
            }
            throw invalid(text, "unbalanced '{'")
        default:
            while let scalar = body.first, scalar != ",", scalar != "}" {
                body.removeFirst()
                if scalar == "\\" {
                    guard let escaped = body.popFirst() else { throw invalid(text, "dangling backslash") }
                    value.append(escaped)
                } else {
                    value.append(scalar)
                }
            }
            let raw = String(value)
            let trimmed = raw.trimmingTrailingSpaces()
            guard !trimmed.isEmpty else { throw invalid(text, "empty unquoted element") }
            return trimmed.uppercased() == "NULL" ? nil : trimmed
        }
    }

    private static func skipSpaces(_ body: inout ArraySlice<Unicode.Scalar>) {
        while let scalar = body.first, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
            body.removeFirst()
        }
    }

    private static func invalid(_ text: String, _ reason: String) -> PostgresError {
        .decoding("invalid array literal \(text.prefix(200)): \(reason)")
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var scalars = Array(unicodeScalars)
        while let last = scalars.last, last == " " || last == "\t" || last == "\n" || last == "\r" { scalars.removeLast() }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
