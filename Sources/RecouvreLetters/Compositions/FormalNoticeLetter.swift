import RecouvreCore

/// A formal notice to pay (*mise en demeure*), sent registered with acknowledgment of receipt.
///
/// It states, per invoice, the principal outstanding, the penalties or legal interest with
/// their annual rates, the €40 indemnity for a business debtor, and the total; cites the law
/// that applies — C. com. L441-10 and D441-5 for a professional (penalties from the day after
/// the due date, €40 per invoice, more on proof of higher costs), C. civ. 1231-6 and 1344-1 for
/// a consumer (legal interest from the notice, no indemnity) — and gives eight days from
/// receipt to pay. A consumer is never told of collection costs.
public struct FormalNoticeLetter: Sendable, Hashable {
    /// The creditor, whose letterhead heads the letter.
    public var creditor: Letterhead
    /// The debtor the letter is addressed to.
    public var debtor: LetterDebtor
    /// The invoices with what the law adds to each on `date`.
    public var invoices: [ClaimedInvoice]
    /// The day the letter is dated.
    public var date: CalendarDay
    /// The town the letter is written from.
    public var place: String
    /// The language of the letter.
    public var locale: MessageLocale
    /// Our reference for the notice.
    public var reference: String
    /// How to pay, when given.
    public var payment: PaymentInstructions?
    /// Who signs.
    public var signature: LetterSignature
    /// The creditor's legal mentions, at the foot of every page.
    public var footer: [String]

    /// Creates a formal notice.
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
        let consumer = debtor.kind == .consumer
        let single = invoices.count == 1
        let labels = LetterLabels(locale: locale)
        let table = InvoiceTable(rows: invoices.map(\.row), penaltyColumn: consumer ? .legalInterest : .latePenalties,
                                 showsIndemnity: !consumer)
        let asOf = LetterDayFormat.long(date, locale)
        var body: [LetterBlock] = [
            .paragraph(fr
                ? "Malgré nos relances, \(single ? "la facture suivante demeure impayée" : "les factures suivantes demeurent impayées"). Au \(asOf), les sommes dues s'établissent ainsi :"
                : "Despite our reminders, the following \(single ? "invoice remains" : "invoices remain") unpaid. As of \(asOf), the amounts owed are:"),
            .invoiceTable(table),
        ]
        var summary = [
            labels.field(fr ? "Principal" : "Principal", LetterWording.amounts(table.totalPrincipal, locale)),
            labels.field(consumer ? labels.legalInterest : labels.latePenalties, LetterWording.amounts(table.totalPenalties, locale)),
        ]
        if !consumer {
            summary.append(labels.field(fr ? "Indemnités forfaitaires pour frais de recouvrement" : "Fixed recovery indemnities",
                                        LetterWording.amounts(table.totalIndemnity, locale)))
        }
        summary.append(labels.field(fr ? "Total dû" : "Total owed", LetterWording.amounts(table.total, locale)))
        body.append(.emphasis(summary.joined(separator: "\n")))

        let rates = LetterWording.distinctRates(invoices)
        if consumer {
            body.append(.paragraph(fr
                ? "La présente mise en demeure fait courir les intérêts au taux légal sur les sommes dues (articles 1231-6 et 1344-1 du code civil)."
                    + (rates.isEmpty ? "" : " Taux annuel appliqué : \(labels.rates(rates)).")
                : "This formal notice starts interest at the legal rate on the amounts owed (French Civil Code, art. 1231-6 and 1344-1)."
                    + (rates.isEmpty ? "" : " Annual rate applied: \(labels.rates(rates)).")))
        } else {
            body.append(.paragraph(fr
                ? "Les pénalités de retard courent de plein droit à compter du lendemain de la date d'échéance de chaque facture (article L441-10 du code de commerce)"
                    + (rates.isEmpty ? "" : ", au taux annuel de \(labels.rates(rates))")
                    + ", et continueront de courir jusqu'à complet paiement. Une indemnité forfaitaire pour frais de recouvrement de 40 € est due pour chaque facture payée en retard (articles L441-10 et D441-5 du code de commerce) ; lorsque les frais de recouvrement exposés sont supérieurs à ce montant, une indemnisation complémentaire peut être demandée sur justification."
                : "Late-payment penalties run by law from the day after each invoice's due date (French Commercial Code, art. L441-10)"
                    + (rates.isEmpty ? "" : ", at the annual rate of \(labels.rates(rates))")
                    + ", until payment in full. A fixed recovery indemnity of €40 is owed for each invoice paid late (art. L441-10 and D441-5); where the recovery costs incurred exceed it, further compensation may be claimed on proof."))
        }
        if invoices.contains(where: \.estimated) {
            body.append(.paragraph(fr
                ? "Le taux du semestre en cours n'étant pas encore publié, les intérêts de cette période sont calculés au dernier taux publié et seront ajustés."
                : "The rate for the current half-year is not yet published: interest for that period is computed at the latest published rate and will be adjusted."))
        }
        let total = LetterWording.amounts(table.total, locale)
        body.append(.emphasis(fr
            ? "Nous vous mettons en demeure de nous régler la somme de \(total) dans un délai de huit jours à compter de la réception de la présente."
            : "We hereby give you formal notice to pay the sum of \(total) within eight days of receiving this letter."))
        body.append(.paragraph(fr
            ? "À défaut de paiement dans ce délai, nous serons contraints de saisir la juridiction compétente pour obtenir le paiement de notre créance."
            : "Failing payment within that time, we will have to bring the matter before the competent court to obtain payment of our claim."))
        if let payment { body.append(.paymentInstructions(payment)) }
        body.append(.paragraph(LetterWording.contact(creditor, locale)))
        return Letter(
            locale: locale, sender: creditor, recipient: debtor.recipient, place: place, date: date, registeredMail: true,
            subject: fr ? "Mise en demeure de payer" : "Formal notice to pay",
            references: LetterWording.references(ours: reference, debtor: debtor, locale),
            salutation: LetterWording.salutation(locale), body: body, closing: LetterWording.closing(locale),
            signature: signature, footer: footer)
    }
}
