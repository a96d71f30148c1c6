/// Whether a debtor is a professional or a consumer; the law treats them differently for
/// penalties, the recovery indemnity and prescription.
///
/// The raw values are those of the `kind` column of a tenant's `debtors` table.
public enum DebtorKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// A professional: L441-10 penalties, the €40 indemnity, 5-year prescription.
    case business
    /// A consumer: legal interest from the formal notice, no indemnity, 2-year prescription.
    case consumer
}
