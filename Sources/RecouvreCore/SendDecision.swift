import Foundation

/// What the send-time check decides for a reminder about to go out.
public enum SendDecision: Sendable, Equatable {
    /// Send it now.
    case send
    /// Do not send it, ever; `reason` is recorded.
    case cancel(reason: String)
    /// Not now: try again at `until`.
    case postpone(until: Date)
}
