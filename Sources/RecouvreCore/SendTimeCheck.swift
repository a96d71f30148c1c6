import Foundation

/// The checks made just before a message goes out that the planner does not make: the tenant
/// being paused, and the spacing between two messages to the same debtor.
public enum SendTimeCheck {
    /// How long a paused tenant's work waits before it is looked at again.
    public static let pausedRetryDelay: TimeInterval = 3600

    /// Nil when a message may go at `now`; otherwise the first moment of `calendar`'s window
    /// after the minimum spacing since `lastMessageAt` has passed.
    public static func spacingDelay(now: Date, lastMessageAt: Date?, spacing: MessageSpacing, calendar: SendingCalendar) -> Date? {
        guard let allowed = spacing.earliestNext(after: lastMessageAt), allowed > now else { return nil }
        return calendar.nextSendingMoment(atOrAfter: allowed)
    }
}
