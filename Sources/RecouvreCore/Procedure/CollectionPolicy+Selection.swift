import Foundation

extension CollectionPolicy {
    /// The policy that works a debtor.
    ///
    /// The debtor's override (`debtors.policy`) wins when it names one of `policies`. Otherwise
    /// the candidates are the policies for any debtor or for `debtorKind` whose
    /// `minOutstanding` ≤ `overdueTotal`; the one with the lowest priority is chosen, ties
    /// going to the smallest name so the choice never depends on the order of `policies`.
    /// Nil when no policy fits.
    public static func select(from policies: [CollectionPolicy], debtorKind: DebtorKind, overdueTotal: Decimal,
                              override: String?) -> CollectionPolicy? {
        if let override, let chosen = policies.first(where: { $0.name == override }) {
            return chosen
        }
        return policies
            .filter { ($0.debtorKind == nil || $0.debtorKind == debtorKind) && $0.minOutstanding <= overdueTotal }
            .min { ($0.priority, $0.name) < ($1.priority, $1.name) }
    }
}
