import Foundation

/// One event of a debtor's preview: work done, or a change to the case, a promise or a plan.
public struct TimelineEntry: Sendable, Hashable {
    /// What happens.
    public enum Kind: Sendable, Hashable {
        /// Planned work goes out (a step held for approval is shown as approved).
        case work(PlannedWork)
        case caseOpened(policy: String)
        case caseClosed(CaseCloseReason)
        case promiseKept
        case promiseBroken
        case planCompleted
        case planBroken(missedInstalment: Int)
    }

    /// When it happens.
    public let at: Date
    public let kind: Kind
    /// The collectible principal at that moment, one amount per currency, by currency code.
    public let collectible: [Money]

    public init(at: Date, kind: Kind, collectible: [Money]) {
        self.at = at
        self.kind = kind
        self.collectible = collectible
    }
}
