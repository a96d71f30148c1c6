import Foundation

/// What recouvrectl's standard output is, and whether it gets colours.
enum Terminal {
    /// Whether output is coloured: only on a terminal, never when NO_COLOR is set to anything
    /// but the empty string (https://no-color.org), never with --no-color, never for a dumb
    /// terminal.
    static func colours(isTerminal: Bool, environment: [String: String], noColorFlag: Bool) -> Bool {
        guard isTerminal, !noColorFlag else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// Whether standard output is a terminal.
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}

/// ANSI styles. Tables always mark their text; ``plain(_:)`` takes the marks out again
/// when output gets no colours, so that no escape code ever reaches a pipe or a file.
enum Style {
    static let escape = "\u{1B}["

    static func bold(_ text: String) -> String { wrap(text, "1") }

    /// A state or status coloured by what it means: red for what went wrong for good, yellow
    /// for what waits on someone, green for what is done; others as they are.
    static func state(_ text: String) -> String {
        switch text {
        case "dead", "failed", "broken": wrap(text, "31")
        case "open", "overdue", "held", "paused", "running": wrap(text, "33")
        case "succeeded", "active", "done", "kept", "completed", "paid": wrap(text, "32")
        default: text
        }
    }

    /// `text` without any style marks.
    static func plain(_ text: String) -> String {
        guard text.contains("\u{1B}") else { return text }
        var result = ""
        var index = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            if scalars[index] == "\u{1B}", scalars.index(after: index) < scalars.endIndex, scalars[scalars.index(after: index)] == "[" {
                // Skips ESC [ parameters up to the final letter.
                var end = scalars.index(index, offsetBy: 2)
                while end < scalars.endIndex, !(("@"..."~").contains(scalars[end])) { end = scalars.index(after: end) }
                index = end < scalars.endIndex ? scalars.index(after: end) : end
            } else {
                result.unicodeScalars.append(scalars[index])
                index = scalars.index(after: index)
            }
        }
        return result
    }

    private static func wrap(_ text: String, _ code: String) -> String {
        text.isEmpty ? text : escape + code + "m" + text + escape + "0m"
    }
}
