import RecouvreCore

/// A table of invoices with a totals row.
///
/// The columns are the invoice number, the due date, the principal outstanding, then, when they
/// apply, penalties (or legal interest) and the recovery indemnity, and the total of the row.
public struct InvoiceTable: Sendable, Hashable {
    /// What the penalties column holds, if it is shown.
    public enum PenaltyColumn: Sendable, Hashable {
        /// No penalties column (a plain reminder).
        case none
        /// Late-payment penalties of C. com. L441-10 (a business debtor).
        case latePenalties
        /// Interest at the legal rate of C. civ. 1231-6 (a consumer).
        case legalInterest
    }

    /// The invoices, in the order they are listed.
    public var rows: [InvoiceTableRow]
    /// What the penalties column holds.
    public var penaltyColumn: PenaltyColumn
    /// Whether the indemnity column is shown (a business debtor).
    public var showsIndemnity: Bool
    /// Whether the issue date and the amount invoiced are shown before what remains (a
    /// statement of account).
    public var showsInvoiced: Bool

    /// Creates a table.
    public init(rows: [InvoiceTableRow], penaltyColumn: PenaltyColumn = .none, showsIndemnity: Bool = false,
                showsInvoiced: Bool = false) {
        self.showsInvoiced = showsInvoiced
        self.rows = rows
        self.penaltyColumn = penaltyColumn
        self.showsIndemnity = showsIndemnity
    }

    /// The amounts invoiced summed, per currency.
    public var totalInvoiced: [Money] { Self.sums(rows.compactMap(\.invoiced)) }
    /// The principal of every row summed, per currency in the order currencies first appear.
    public var totalPrincipal: [Money] { Self.sums(rows.map(\.principal)) }
    /// The penalties summed, per currency.
    public var totalPenalties: [Money] { Self.sums(rows.map(\.penalties)) }
    /// The indemnities summed, per currency.
    public var totalIndemnity: [Money] { Self.sums(rows.map(\.indemnity)) }
    /// The row totals summed, per currency.
    public var total: [Money] { Self.sums(rows.compactMap(\.total)) }

    /// Sums amounts per currency, keeping the order in which currencies first appear.
    public static func sums(_ amounts: [Money]) -> [Money] {
        Money.totals(amounts)
    }
}
