import RecouvreCore

/// A statement of account (relevé de compte): every invoice with something still owed, issued
/// and due dates, the amount invoiced and what remains, with the total overdue set apart. Sent
/// as a PDF attachment with an e-mail reminder whose step asks for it.
///
/// It claims nothing the reminder does not: no penalties, no indemnity, only the principal.
public struct AccountStatement: Sendable, Hashable {
    /// The creditor, whose letterhead heads the statement.
    public var creditor: Letterhead
    /// The debtor the statement is for.
    public var debtor: LetterDebtor
    /// The invoices with something owed, in the order listed.
    public var lines: [StatementLine]
    /// The day the statement is drawn up at.
    public var date: CalendarDay
    /// The town it is written from.
    public var place: String
    /// The language of the statement.
    public var locale: MessageLocale
    /// Our reference for the file.
    public var reference: String
    /// How to pay, when given.
    public var payment: PaymentInstructions?
    /// Who signs.
    public var signature: LetterSignature
    /// The creditor's legal mentions, at the foot of every page.
    public var footer: [String]

    /// Creates a statement.
    public init(creditor: Letterhead, debtor: LetterDebtor, lines: [StatementLine], date: CalendarDay, place: String,
                locale: MessageLocale, reference: String, payment: PaymentInstructions? = nil, signature: LetterSignature,
                footer: [String] = []) {
        self.creditor = creditor
        self.debtor = debtor
        self.lines = lines
        self.date = date
        self.place = place
        self.locale = locale
        self.reference = reference
        self.payment = payment
        self.signature = signature
        self.footer = footer
    }

    /// The invoices already due on the statement's day.
    public var overdue: [StatementLine] { lines.filter { $0.dueOn < date } }

    /// The statement, laid out as a letter.
    public var letter: Letter {
        let fr = locale == .fr
        let day = LetterDayFormat.long(date, locale)
        let table = InvoiceTable(rows: lines.map {
            InvoiceTableRow(number: $0.disputed ? $0.number + (fr ? " (contestée)" : " (disputed)") : $0.number,
                            dueOn: $0.dueOn, principal: $0.outstanding, issuedOn: $0.issuedOn, invoiced: $0.amount)
        }, showsInvoiced: true)
        let total = LetterWording.amounts(table.total, locale)
        let overdueTotal = LetterWording.amounts(Money.totals(overdue.map(\.outstanding)), locale)
        var body: [LetterBlock] = [
            .paragraph(fr
                ? "Voici le relevé de votre compte au \(day) : les factures qui restent dues, avec leur date d'émission, leur échéance, le montant facturé et ce qui reste à régler après vos paiements et nos avoirs."
                : "Here is your statement of account as of \(day): the invoices still owed, with their issue and due dates, the amount invoiced and what remains after your payments and our credit notes."),
            .invoiceTable(table),
            .emphasis(fr ? "Total restant dû : \(total), dont échu : \(overdueTotal)"
                         : "Total outstanding: \(total), of which overdue: \(overdueTotal)"),
        ]
        if lines.contains(where: \.disputed) {
            body.append(.paragraph(fr
                ? "Les factures marquées « contestée » font l'objet d'une contestation en cours d'examen : nous ne vous en demandons pas le paiement tant qu'elle n'est pas tranchée."
                : "Invoices marked \"disputed\" are under a dispute we are looking into: we do not ask you to pay them until it is settled."))
        }
        body.append(.paragraph(fr
            ? "Si un paiement a croisé ce relevé, nous vous prions de ne pas en tenir compte pour la part réglée."
            : "If a payment has crossed with this statement, please disregard the part it settled."))
        if let payment { body.append(.paymentInstructions(payment)) }
        body.append(.paragraph(LetterWording.contact(creditor, locale)))
        return Letter(
            locale: locale, sender: creditor, recipient: debtor.recipient, place: place, date: date,
            subject: fr ? "Relevé de compte au \(day)" : "Statement of account as of \(day)",
            references: LetterWording.references(ours: reference, debtor: debtor, locale),
            salutation: LetterWording.salutation(locale), body: body, closing: LetterWording.closing(locale),
            signature: signature, footer: footer)
    }
}
