/// A parameter value refused before any work: which parameter, and what to write instead.
public struct ParameterProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The parameter, as the interface names it.
    public var field: String
    /// What is wrong and what to write.
    public var reason: String

    /// A problem with `field`.
    public init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    /// `invalid amount: '12,5' is not an amount: …`.
    public var description: String { "invalid \(field): \(reason)" }

    /// The interface's error for it.
    public var controlError: ControlError { .invalidArgument(field: field, reason: reason) }
}

/// Parameters that check their own values; the dispatcher checks them before calling the
/// handler, and recouvrectl before sending them.
public protocol ValidatedParameters {
    /// Throws the first problem found.
    func validate() throws(ParameterProblem)
}
