/// The rules on parameter values that both ends check: recouvrectl before sending,
/// so that people get a usage error at once, and the daemon again.
public enum ControlValidation {
    /// Locales a tenant may use.
    public static let locales = ["fr", "en"]

    /// States an action can be in.
    public static let actionStates = ["scheduled", "running", "succeeded", "failed", "cancelled", "dead"]

    /// Bounds of `ListActions.limit`.
    public static let limitRange = 1...1000

    /// Why a slug must look like it does, as told to people.
    public static let slugRule =
        "it must start with a lowercase letter and contain 2–40 lowercase letters, digits or underscores"

    /// Whether `slug` matches `^[a-z][a-z0-9_]{1,39}$`.
    public static func isValidSlug(_ slug: String) -> Bool {
        let bytes = Array(slug.utf8)
        guard (2...40).contains(bytes.count), let first = bytes.first, isLowercase(first) else { return false }
        return bytes.dropFirst().allSatisfy { isLowercase($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }

    /// The message for an invalid slug, or nil when the slug is valid.
    public static func slugProblem(_ slug: String) -> String? {
        isValidSlug(slug) ? nil : "tenant slug '\(slug)' is invalid: \(slugRule)"
    }

    /// The message for an unknown locale, or nil when it is known.
    public static func localeProblem(_ locale: String) -> String? {
        locales.contains(locale) ? nil : "locale '\(locale)' is not supported: use one of \(locales.joined(separator: ", "))"
    }

    /// The message for an unknown action state, or nil when it is known.
    public static func stateProblem(_ state: String) -> String? {
        actionStates.contains(state)
            ? nil : "state '\(state)' is unknown: use one of \(actionStates.joined(separator: ", "))"
    }

    /// The message for a limit out of bounds, or nil when it is within them.
    public static func limitProblem(_ limit: Int) -> String? {
        limitRange.contains(limit)
            ? nil : "limit \(limit) is out of range: use \(limitRange.lowerBound) to \(limitRange.upperBound)"
    }
}
