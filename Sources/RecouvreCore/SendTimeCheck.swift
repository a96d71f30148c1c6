import Foundation

/// The last check before a reminder goes out, made in the transaction that records the send.
public enum SendTimeCheck {
    /// How long a paused tenant's work waits before it is looked at again.
    public static let pausedRetryDelay: TimeInterval = 3600

    /// Decides whether the reminder goes out now.
    ///
    /// In order: a paused tenant postpones everything by an hour (nothing, not even a cancellation,
    /// happens while ops hold it); a deleted invoice or one with nothing left to pay cancels; a
    /// message sent to the debtor too recently (`spacing`) postpones to the first sending moment
    /// after the interval; outside the sending window postpones to the next sending moment;
    /// otherwise send.
    public static func decide(invoice: InvoiceStanding?, tenantActive: Bool, calendar: SendingCalendar, now: Date,
                              lastMessageAt: Date? = nil, spacing: MessageSpacing = .none) -> SendDecision {
        guard tenantActive else {
            return .postpone(until: now.addingTimeInterval(pausedRetryDelay))
        }
        guard let invoice else {
            return .cancel(reason: "invoice no longer exists")
        }
        guard invoice.outstanding.isPositive else {
            return .cancel(reason: "paid")
        }
        if let allowed = spacing.earliestNext(after: lastMessageAt), allowed > now {
            return .postpone(until: calendar.nextSendingMoment(atOrAfter: allowed))
        }
        let next = calendar.nextSendingMoment(atOrAfter: now)
        guard next == now else {
            return .postpone(until: next)
        }
        return .send
    }
}
