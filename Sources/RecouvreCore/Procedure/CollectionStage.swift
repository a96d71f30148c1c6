/// How far collection has gone, from a friendly reminder to court. Ordered: a later stage is
/// a stronger one.
///
/// The raw values are those of `policy_steps.stage` and `cases.stage`.
public enum CollectionStage: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Reminders before and after the due date.
    case reminder
    /// A collector calls the debtor.
    case call
    /// The formal notice (*mise en demeure*), which starts legal interest for a consumer.
    case formalNotice = "formal_notice"
    /// The file goes to a collection agency.
    case agency
    /// The simplified procedure for claims up to €5,000, run by a commissaire de justice.
    case smallClaims = "small_claims"
    /// Court: injonction de payer or assignation.
    case legal

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
