import Foundation
import RecouvreCore

/// One invoice in a letter's table of invoices.
public struct InvoiceTableRow: Sendable, Hashable {
    /// The invoice number.
    public var number: String
    /// The day the invoice was issued, shown in a statement of account.
    public var issuedOn: CalendarDay?
    /// The amount invoiced, shown in a statement of account.
    public var invoiced: Money?
    /// The day the invoice fell due.
    public var dueOn: CalendarDay
    /// The principal still outstanding.
    public var principal: Money
    /// Late-payment penalties or legal interest.
    public var penalties: Money
    /// The fixed recovery indemnity (zero for a consumer).
    public var indemnity: Money
    /// The annual rates, in percent, the penalties were computed at, in the order they applied.
    public var penaltyRates: [Decimal]

    /// Creates a row.
    public init(number: String, dueOn: CalendarDay, principal: Money, penalties: Money? = nil, indemnity: Money? = nil,
                penaltyRates: [Decimal] = [], issuedOn: CalendarDay? = nil, invoiced: Money? = nil) {
        self.issuedOn = issuedOn
        self.invoiced = invoiced
        self.number = number
        self.dueOn = dueOn
        self.principal = principal
        self.penalties = penalties ?? .zero(principal.currency)
        self.indemnity = indemnity ?? .zero(principal.currency)
        self.penaltyRates = penaltyRates
    }

    /// Principal, penalties and indemnity added; nil when their currencies differ.
    public var total: Money? {
        principal.adding(penalties)?.adding(indemnity)
    }
}
