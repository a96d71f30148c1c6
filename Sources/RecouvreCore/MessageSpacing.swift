import Foundation

/// The least time between two messages to the same debtor: a debtor is reminded, not
/// harassed, and a message already lists every overdue invoice.
public struct MessageSpacing: Sendable, Hashable {
    /// The minimum interval, in seconds; zero means no spacing.
    public let minimumInterval: TimeInterval

    public init(minimumInterval: TimeInterval) {
        self.minimumInterval = max(0, minimumInterval)
    }

    /// No spacing at all.
    public static let none = MessageSpacing(minimumInterval: 0)

    /// The first instant a new message may go out after one sent at `lastMessageAt`; nil when
    /// nothing holds it back.
    public func earliestNext(after lastMessageAt: Date?) -> Date? {
        guard let lastMessageAt, minimumInterval > 0 else { return nil }
        return lastMessageAt.addingTimeInterval(minimumInterval)
    }
}
