import RecouvreCore

/// A reminder template that could not be loaded or found.
public struct ReminderTemplateError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, with what to do about it.
    public let message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }

    static func unknown(_ template: String, locale: MessageLocale, known: [String]) -> ReminderTemplateError {
        ReminderTemplateError(
            "no reminder template \"\(template)\" for locale \(locale.rawValue); known templates: "
                + (known.isEmpty ? "none" : known.joined(separator: ", "))
                + " (each needs Templates/\(locale.rawValue)/<name>.subject.mustache and <name>.txt.mustache)")
    }
}
