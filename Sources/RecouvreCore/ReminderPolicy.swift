/// The sequence of reminders sent for an overdue invoice, and the local time they go out.
public struct ReminderPolicy: Sendable, Hashable {
    /// The steps, in order.
    public let steps: [ReminderStep]
    /// Local hour at which reminders are sent.
    public let sendHour: Int
    /// Local minute at which reminders are sent.
    public let sendMinute: Int

    /// Creates a policy.
    public init(steps: [ReminderStep], sendHour: Int = 9, sendMinute: Int = 0) {
        self.steps = steps
        self.sendHour = sendHour
        self.sendMinute = sendMinute
    }

    /// A new tenant's policy: a courteous e-mail on the first sending day after the due date, a
    /// firmer one seven days later; both at 09:00 local time.
    public static let `default` = ReminderPolicy(steps: [
        ReminderStep(number: 1, template: "reminder1", daysAfterPrevious: 1),
        ReminderStep(number: 2, template: "reminder2", daysAfterPrevious: 7),
    ])

    /// The step numbered `number`, if any.
    public func step(_ number: Int) -> ReminderStep? {
        steps.first { $0.number == number }
    }
}
