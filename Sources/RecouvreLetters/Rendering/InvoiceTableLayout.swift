import RecouvreCore

/// The columns and cell texts of an invoice table, in the letter's language.
struct InvoiceTableLayout {
    struct Column {
        let heading: String
        let width: Double
        let alignment: TextStyle.Alignment
    }

    let columns: [Column]
    let rows: [[String]]
    let totals: [String]

    init(_ table: InvoiceTable, labels: LetterLabels, width: Double) {
        let locale = labels.locale
        // A statement of account shows when each invoice was issued and for how much.
        let dateColumns = table.showsInvoiced ? 2 : 1
        var headings = [labels.invoiceNumber] + (table.showsInvoiced ? [labels.issueDate] : []) + [labels.dueDate]
        if table.showsInvoiced { headings.append(labels.invoiced) }
        headings.append(table.showsInvoiced ? labels.outstanding : labels.principal)
        switch table.penaltyColumn {
        case .none: break
        case .latePenalties: headings.append(labels.latePenalties)
        case .legalInterest: headings.append(labels.legalInterest)
        }
        if table.showsIndemnity { headings.append(labels.indemnity) }
        // With nothing added to the principal, a total column would repeat it.
        let showsRowTotal = table.penaltyColumn != .none || table.showsIndemnity || !table.showsInvoiced
        if showsRowTotal { headings.append(labels.total) }

        // The number and date columns take what they need; the amounts share the rest equally.
        let numberWidth = width * 0.19
        let dateWidth = width * 0.14
        let amountWidth = (width - numberWidth - dateWidth * Double(dateColumns)) / Double(headings.count - 1 - dateColumns)
        columns = headings.enumerated().map { index, heading in
            switch index {
            case 0: Column(heading: heading, width: numberWidth, alignment: .left)
            case 1...dateColumns: Column(heading: heading, width: dateWidth, alignment: .left)
            default: Column(heading: heading, width: amountWidth, alignment: .right)
            }
        }

        rows = table.rows.map { row in
            var cells = [row.number]
            if table.showsInvoiced { cells.append(row.issuedOn.map { LetterDayFormat.short($0, locale) } ?? "") }
            cells.append(LetterDayFormat.short(row.dueOn, locale))
            if table.showsInvoiced { cells.append(row.invoiced.map { $0.formatted(locale) } ?? "") }
            cells.append(row.principal.formatted(locale))
            if table.penaltyColumn != .none {
                let amount = row.penalties.formatted(locale)
                cells.append(row.penaltyRates.isEmpty ? amount : amount + "\n(" + labels.rates(row.penaltyRates) + ")")
            }
            if table.showsIndemnity { cells.append(row.indemnity.formatted(locale)) }
            if showsRowTotal { cells.append(row.total.map { $0.formatted(locale) } ?? "—") }
            return cells
        }

        var totals = [labels.total, ""] + (table.showsInvoiced ? ["", labels.amounts(table.totalInvoiced)] : [])
            + [labels.amounts(table.totalPrincipal)]
        if table.penaltyColumn != .none { totals.append(labels.amounts(table.totalPenalties)) }
        if table.showsIndemnity { totals.append(labels.amounts(table.totalIndemnity)) }
        if showsRowTotal { totals.append(labels.amounts(table.total)) }
        self.totals = totals
    }
}
