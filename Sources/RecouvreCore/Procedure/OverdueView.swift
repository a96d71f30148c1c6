import Foundation

/// A debtor's invoices as the planner sees them on one local day.
struct OverdueView: Sendable {
    /// Invoices past their due date with something owed.
    let overdue: [SituationInvoice]
    /// The overdue invoices collection works on: not disputed, and none while the whole debtor
    /// is disputed.
    let collectible: [SituationInvoice]
    /// Invoices not yet due with something owed.
    let upcoming: [SituationInvoice]

    init(_ situation: DebtorSituation, today: CalendarDay) {
        let open = situation.invoices.filter(\.outstanding.isPositive).sorted { ($0.dueOn, $0.invoiceId) < ($1.dueOn, $1.invoiceId) }
        overdue = open.filter { $0.dueOn < today }
        collectible = situation.debtorDisputed ? [] : overdue.filter { !$0.disputed }
        upcoming = open.filter { $0.dueOn >= today }
    }

    /// The earliest due date of the collectible invoices: case steps count their days from it.
    var anchor: CalendarDay? { collectible.first?.dueOn }

    /// The collectible ids, in due-date order.
    var collectibleIds: [Int64] { collectible.map(\.invoiceId) }

    /// The collectible principal per currency, by currency code.
    var collectibleTotals: [Money] { Self.totals(of: collectible) }

    /// The amount step conditions are checked against. Amounts in different currencies are never
    /// added: the largest per-currency total is taken.
    var conditionTotal: Decimal { Self.sums(of: collectible).values.max() ?? 0 }

    static func totals(of invoices: [SituationInvoice]) -> [Money] {
        let sums = sums(of: invoices)
        return sums.keys.sorted().map { Money(amount: sums[$0]!, currency: $0) }
    }

    private static func sums(of invoices: [SituationInvoice]) -> [String: Decimal] {
        var sums: [String: Decimal] = [:]
        for invoice in invoices {
            sums[invoice.outstanding.currency, default: 0] += invoice.outstanding.amount
        }
        return sums
    }
}
