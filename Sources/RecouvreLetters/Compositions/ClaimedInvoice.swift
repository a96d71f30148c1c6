import Foundation
import RecouvreCore

/// One unpaid invoice and what is claimed for it on the day of the letter.
public struct ClaimedInvoice: Sendable, Hashable {
    /// The invoice number.
    public var number: String
    /// The day it fell due.
    public var dueOn: CalendarDay
    /// The principal still outstanding.
    public var principal: Money
    /// Late-payment penalties (business) or legal interest (consumer) accrued so far.
    public var penalty: Money
    /// The €40 recovery indemnity (business debtor); zero for a consumer.
    public var indemnity: Money
    /// The annual rates, in percent, the penalty was computed at, in the order they applied.
    public var rates: [Decimal]
    /// Whether some period used the latest published rate because the current one is not out yet.
    public var estimated: Bool

    /// Creates a claimed invoice; penalty and indemnity default to zero.
    public init(number: String, dueOn: CalendarDay, principal: Money, penalty: Money? = nil, indemnity: Money? = nil,
                rates: [Decimal] = [], estimated: Bool = false) {
        self.number = number
        self.dueOn = dueOn
        self.principal = principal
        self.penalty = penalty ?? .zero(principal.currency)
        self.indemnity = indemnity ?? .zero(principal.currency)
        self.rates = rates
        self.estimated = estimated
    }

    /// The invoice as a row of the table.
    var row: InvoiceTableRow {
        InvoiceTableRow(number: number, dueOn: dueOn, principal: principal, penalties: penalty, indemnity: indemnity, penaltyRates: rates)
    }
}
