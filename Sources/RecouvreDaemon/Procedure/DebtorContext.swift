import Foundation
import RecouvreCore
import RecouvreStore

/// One debtor as the planner sees it at one moment, read under the debtor's lock.
struct DebtorContext {
    let debtor: DebtorRecord
    var situation: DebtorSituation
    /// The policy the debtor's work follows; nil when the tenant has none that fits.
    let policy: CollectionPolicy?
    let calendar: ProcedureCalendar
    let now: Date

    /// What the planner wants now.
    func reconcile() -> Reconciliation {
        CollectionPlanner.reconcile(situation, policy: policy, now: now, calendar: calendar)
    }
}
