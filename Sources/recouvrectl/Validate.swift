import ArgumentParser
import ControlProtocol

/// Client-side checks, so that mistakes are usage errors (exit 2) before any call.
enum Validate {
    static func slug(_ slug: String) throws {
        if let problem = ControlValidation.slugProblem(slug) { throw ValidationError(problem) }
    }

    static func locale(_ locale: String?) throws {
        if let locale, let problem = ControlValidation.localeProblem(locale) { throw ValidationError(problem) }
    }

    static func state(_ state: String?) throws {
        if let state, let problem = ControlValidation.stateProblem(state) { throw ValidationError(problem) }
    }

    static func limit(_ limit: Int?) throws {
        if let limit, let problem = ControlValidation.limitProblem(limit) { throw ValidationError(problem) }
    }

    static func actionID(_ id: Int) throws {
        if id < 1 { throw ValidationError("action id \(id) is invalid: ids are positive integers") }
    }

    static func notBlank(_ value: String?, option: String) throws {
        if let value, value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("\(option) must not be empty")
        }
    }

    /// The checks the daemon makes too, so that a bad amount or date is a usage error.
    static func parameters(_ parameters: some ValidatedParameters) throws {
        do {
            try parameters.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// `yes`/`no` (or `true`/`false`) as a boolean.
    static func yesNo(_ text: String?, option: String) throws -> Bool? {
        guard let text else { return nil }
        switch text.lowercased() {
        case "yes", "y", "true": return true
        case "no", "n", "false": return false
        default: throw ValidationError("\(option) takes yes or no, not '\(text)'")
        }
    }
}
