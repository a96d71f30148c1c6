import RecouvreCore

/// A reminder by post: the unpaid invoices, the total, how to pay and whom to call.
///
/// It claims the principal only; to a professional it recalls that penalties and the €40
/// indemnity are owed by law (C. com. L441-10), to a consumer it says nothing of them.
public struct ReminderLetter: Sendable, Hashable {
    /// The creditor, whose letterhead heads the letter.
    public var creditor: Letterhead
    /// The debtor the letter is addressed to.
    public var debtor: LetterDebtor
    /// The overdue invoices; only their principal outstanding is used.
    public var invoices: [ClaimedInvoice]
    /// The day the letter is dated.
    public var date: CalendarDay
    /// The town the letter is written from.
    public var place: String
    /// The language of the letter.
    public var locale: MessageLocale
    /// Our reference for the file.
    public var reference: String
    /// How to pay, when given.
    public var payment: PaymentInstructions?
    /// Who signs.
    public var signature: LetterSignature
    /// The creditor's legal mentions, at the foot of every page.
    public var footer: [String]

    /// Creates a reminder.
    public init(creditor: Letterhead, debtor: LetterDebtor, invoices: [ClaimedInvoice], date: CalendarDay, place: String,
                locale: MessageLocale, reference: String, payment: PaymentInstructions? = nil, signature: LetterSignature,
                footer: [String] = []) {
        self.creditor = creditor
        self.debtor = debtor
        self.invoices = invoices
        self.date = date
        self.place = place
        self.locale = locale
        self.reference = reference
        self.payment = payment
        self.signature = signature
        self.footer = footer
    }

    /// The letter.
    public var letter: Letter {
        let fr = locale == .fr
        let single = invoices.count == 1
        let table = InvoiceTable(rows: invoices.map { invoice in
            InvoiceTableRow(number: invoice.number, dueOn: invoice.dueOn, principal: invoice.principal)
        })
        let total = LetterWording.amounts(table.total, locale)
        var body: [LetterBlock] = [
            .paragraph(fr
                ? "Sauf erreur ou omission de notre part, \(single ? "la facture suivante n'a" : "les factures suivantes n'ont") pas encore été \(single ? "réglée" : "réglées") à ce jour :"
                : "Unless we are mistaken, the following \(single ? "invoice has" : "invoices have") not been paid yet:"),
            .invoiceTable(table),
            .emphasis(fr ? "Montant restant dû : \(total)" : "Amount outstanding: \(total)"),
            .paragraph(fr
                ? "Nous vous remercions de bien vouloir procéder au règlement de cette somme dans les meilleurs délais. Si votre paiement a été effectué entre-temps, nous vous prions de ne pas tenir compte de la présente."
                : "Please pay this amount at your earliest convenience. If you have paid in the meantime, please disregard this letter."),
        ]
        if debtor.kind == .business {
            body.append(.paragraph(fr
                ? "Nous vous rappelons que tout retard de paiement fait courir de plein droit des pénalités de retard ainsi qu'une indemnité forfaitaire pour frais de recouvrement de 40 € par facture (articles L441-10 et D441-5 du code de commerce)."
                : "Please note that any late payment incurs, by law, late-payment penalties and a fixed recovery indemnity of €40 per invoice (French Commercial Code, art. L441-10 and D441-5)."))
        }
        if let payment { body.append(.paymentInstructions(payment)) }
        body.append(.paragraph(LetterWording.contact(creditor, locale)))
        return Letter(
            locale: locale, sender: creditor, recipient: debtor.recipient, place: place, date: date,
            subject: fr ? "Relance – \(single ? "facture impayée" : "factures impayées")" : "Reminder – unpaid \(single ? "invoice" : "invoices")",
            references: LetterWording.references(ours: reference, debtor: debtor, locale),
            salutation: LetterWording.salutation(locale), body: body, closing: LetterWording.closing(locale),
            signature: signature, footer: footer)
    }
}
