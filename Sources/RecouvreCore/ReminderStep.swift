/// One step of a reminder policy.
public struct ReminderStep: Sendable, Hashable {
    /// The step's position, starting at 1.
    public let number: Int
    /// The template the message is rendered from, e.g. `reminder1`.
    public let template: String
    /// Days after the previous event: the due date for the first step, the previous step's send
    /// for the others. The result moves to the next sending day when it is not one.
    public let daysAfterPrevious: Int

    /// Creates a step.
    public init(number: Int, template: String, daysAfterPrevious: Int) {
        self.number = number
        self.template = template
        self.daysAfterPrevious = daysAfterPrevious
    }
}
