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
        var headings = [labels.invoiceNumber, labels.dueDate, labels.principal]
        switch table.penaltyColumn {
        case .none: break
        case .latePenalties: headings.append(labels.latePenalties)
        case .legalInterest: headings.append(labels.legalInterest)
        }
        if table.showsIndemnity { headings.append(labels.indemnity) }
        headings.append(labels.total)

        // The number and date columns take what they need; the amounts share the rest equally.
        let numberWidth = width * 0.19
        let dateWidth = width * 0.14
        let amountWidth = (width - numberWidth - dateWidth) / Double(headings.count - 2)
        columns = headings.enumerated().map { index, heading in
            switch index {
            case 0: Column(heading: heading, width: numberWidth, alignment: .left)
            case 1: Column(heading: heading, width: dateWidth, alignment: .left)
            default: Column(heading: heading, width: amountWidth, alignment: .right)
            }
        }

        rows = table.rows.map { row in
            var cells = [row.number, LetterDayFormat.short(row.dueOn, locale), row.principal.formatted(locale)]
            if table.penaltyColumn != .none {
                let amount = row.penalties.formatted(locale)
                cells.append(row.penaltyRates.isEmpty ? amount : amount + "\n(" + labels.rates(row.penaltyRates) + ")")
            }
            if table.showsIndemnity { cells.append(row.indemnity.formatted(locale)) }
            cells.append(row.total.map { $0.formatted(locale) } ?? "—")
            return cells
        }

        var totals = [labels.total, "", labels.amounts(table.totalPrincipal)]
        if table.penaltyColumn != .none { totals.append(labels.amounts(table.totalPenalties)) }
        if table.showsIndemnity { totals.append(labels.amounts(table.totalIndemnity)) }
        totals.append(labels.amounts(table.total))
        self.totals = totals
    }
}
