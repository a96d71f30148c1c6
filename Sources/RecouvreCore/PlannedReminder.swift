import Foundation

/// A reminder the planner scheduled.
public struct PlannedReminder: Sendable, Hashable {
    /// The policy step it belongs to (1-based).
    public let step: Int
    /// The template to render.
    public let template: String
    /// When it is due to go out.
    public let dueAt: Date

    /// Creates a planned reminder.
    public init(step: Int, template: String, dueAt: Date) {
        self.step = step
        self.template = template
        self.dueAt = dueAt
    }
}
