import Foundation

extension CollectionPolicy {
    /// The policy seeded for professional debtors: reminders close together, a call two weeks
    /// after the due date, the formal notice at a month, then small claims (up to €5,000) or
    /// an agency (above), and court at 75 days. Every step goes at 09:00 local time.
    public static let business = CollectionPolicy(
        name: "business",
        description: "Professional debtors: courtesy e-mail 3 days before the due date, reminders on days 1 and 8, "
            + "a call on day 15, the formal notice on day 30, small claims (up to €5,000) or an agency (above) on day 45, "
            + "court on day 75. Handoffs and court need approval.",
        debtorKind: .business, priority: 100, graceDays: 3,
        steps: ladder(reminder2: 8, call: 15, notice: 30, handoff: 45, court: 75))

    /// The policy seeded for consumers: the same ladder with more time between rungs, as a
    /// consumer answers more slowly and the formal notice is what starts legal interest.
    public static let consumer = CollectionPolicy(
        name: "consumer",
        description: "Consumers: courtesy e-mail 3 days before the due date, reminders on days 1 and 10, "
            + "a call on day 20, the formal notice on day 35, small claims (up to €5,000) or an agency (above) on day 60, "
            + "court on day 90. Handoffs and court need approval.",
        debtorKind: .consumer, priority: 100, graceDays: 3,
        steps: ladder(reminder2: 10, call: 20, notice: 35, handoff: 60, court: 90))

    /// The shape both defaults share; only the days differ.
    private static func ladder(reminder2: Int, call: Int, notice: Int, handoff: Int, court: Int) -> [PolicyStep] {
        let smallClaimsCeiling = Decimal(5000)
        let agencyFloor = Decimal(string: "5000.01", locale: Locale(identifier: "en_US_POSIX"))!
        return [
            PolicyStep(position: 1, offsetDays: -3, stage: .reminder, channel: .email, template: "courtesy"),
            PolicyStep(position: 2, offsetDays: 1, stage: .reminder, channel: .email, template: "reminder1"),
            PolicyStep(position: 3, offsetDays: reminder2, stage: .reminder, channel: .email, template: "reminder2",
                       attachStatement: true),
            PolicyStep(position: 4, offsetDays: call, stage: .call, channel: .task, template: "call"),
            PolicyStep(position: 5, offsetDays: notice, stage: .formalNotice, channel: .letter, template: "formal_notice"),
            PolicyStep(position: 6, offsetDays: handoff, stage: .smallClaims, channel: .task, template: "small_claims",
                       maxOutstanding: smallClaimsCeiling, requiresApproval: true),
            PolicyStep(position: 7, offsetDays: handoff, stage: .agency, channel: .task, template: "agency_handoff",
                       minOutstanding: agencyFloor, requiresApproval: true),
            PolicyStep(position: 8, offsetDays: court, stage: .legal, channel: .task, template: "court_file",
                       requiresApproval: true),
        ]
    }
}
