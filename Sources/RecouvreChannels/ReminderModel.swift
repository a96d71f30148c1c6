import RecouvreCore

/// What a reminder template sees.
///
/// Values reach the template already formatted for the message's locale, so templates hold only
/// wording. Keys: `creditorName`, `debtorName`, `step`, `asOf`, `replyTo` (absent when nil),
/// `single` (one invoice), `count`, `total`, and `invoices`, each with `number`, `issuedOn`,
/// `dueOn`, `amount`, `outstanding`.
public struct ReminderModel: Sendable {
    /// Who is owed (signs the message).
    public let creditorName: String
    /// Who owes.
    public let debtorName: String
    /// The language of the message.
    public let locale: MessageLocale
    /// The policy step (1-based).
    public let step: Int
    /// The overdue invoices the message is about.
    public let invoices: [InvoiceStanding]
    /// The day the balances were read.
    public let asOf: CalendarDay
    /// An address the debtor may write to, when it differs from the sender.
    public let replyTo: String?

    /// Creates a model.
    public init(creditorName: String, debtorName: String, locale: MessageLocale, step: Int, invoices: [InvoiceStanding], asOf: CalendarDay, replyTo: String?) {
        self.creditorName = creditorName
        self.debtorName = debtorName
        self.locale = locale
        self.step = step
        self.invoices = invoices
        self.asOf = asOf
        self.replyTo = replyTo
    }

    /// The outstanding total per currency, in the order currencies first appear.
    public var totals: [Money] {
        var sums: [Money] = []
        for invoice in invoices {
            if let index = sums.firstIndex(where: { $0.currency == invoice.outstanding.currency }),
               let sum = sums[index].adding(invoice.outstanding) {
                sums[index] = sum
            } else {
                sums.append(invoice.outstanding)
            }
        }
        return sums
    }

    /// The total written out; several currencies are joined ("1 200,00 € et 300,00 USD").
    public var formattedTotal: String {
        let parts = totals.map { $0.formatted(locale) }
        if parts.isEmpty { return Money.zero().formatted(locale) }
        let conjunction = locale == .fr ? " et " : " and "
        return parts.joined(separator: conjunction)
    }

    /// The values handed to Mustache.
    var templateContext: [String: Any] {
        var context: [String: Any] = [
            "creditorName": creditorName,
            "debtorName": debtorName,
            "step": step,
            "asOf": LetterDate.formatted(asOf, locale),
            "single": invoices.count == 1,
            "count": invoices.count,
            "total": formattedTotal,
            "invoices": invoices.map { invoice -> [String: Any] in
                [
                    "number": invoice.number,
                    "issuedOn": LetterDate.formatted(invoice.issuedOn, locale),
                    "dueOn": LetterDate.formatted(invoice.dueOn, locale),
                    "amount": invoice.amount.formatted(locale),
                    "outstanding": invoice.outstanding.formatted(locale),
                ]
            },
        ]
        if let replyTo, !replyTo.isEmpty { context["replyTo"] = replyTo }
        return context
    }
}
