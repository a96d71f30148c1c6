import RecouvreCore
import RecouvreStore

extension TenantRecord {
    /// The language of what goes to `debtor`: the debtor's own when it has one this daemon
    /// writes, else the tenant's.
    func locale(for debtor: DebtorRecord) -> MessageLocale {
        debtor.locale.flatMap(MessageLocale.init(rawValue:)) ?? locale
    }
}
