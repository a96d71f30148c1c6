/// Everything wrong with a policy document, each problem as `path: what is wrong; what to do`
/// (paths count steps from 0, as in `steps[2].offset_days`).
public struct PolicyValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One line per problem, in document order.
    public let problems: [String]

    public init(problems: [String]) {
        self.problems = problems
    }

    /// The problems, one per line, under a summary.
    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "the policy has \(count):\n" + problems.map { "  - " + $0 }.joined(separator: "\n")
    }
}
