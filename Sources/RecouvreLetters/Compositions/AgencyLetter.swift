import RecouvreCore

/// A collection agency's letter to the debtor, with every mention of CPCE R124-4.
///
/// 1° the agency's name and address and that it carries out amicable collection; 2° the
/// creditor's name and address; 3° the basis of the debt and its amount split into principal,
/// interest and other items (only what the law puts on the debtor: no amicable collection cost,
/// which stays with the creditor under L111-8); 4° the demand to pay and how to pay; 5° the
/// text of L111-8 paragraphs 2 and 3. Later letters recall the first one's reference and date.
public struct AgencyLetter: Sendable, Hashable {
    /// The agency, which sends and signs the letter.
    public var agency: Letterhead
    /// The creditor the agency collects for.
    public var creditor: Letterhead
    /// The debtor the letter is addressed to.
    public var debtor: LetterDebtor
    /// What the debt arises from, as a phrase: "prestations de maintenance facturées en 2025".
    public var basis: String
    /// The invoices with the interest and indemnity owed on `date`.
    public var invoices: [ClaimedInvoice]
    /// The day the letter is dated.
    public var date: CalendarDay
    /// The town the letter is written from.
    public var place: String
    /// The language of the letter.
    public var locale: MessageLocale
    /// The agency's reference for the file, to be recalled in every later contact.
    public var reference: String
    /// How to pay (R124-4 requires it).
    public var payment: PaymentInstructions
    /// Who signs.
    public var signature: LetterSignature
    /// The first letter of the file, when this one is a later contact.
    public var earlierLetter: SentLetterReference?
    /// The agency's legal mentions, at the foot of every page.
    public var footer: [String]

    /// Creates an agency letter.
    public init(agency: Letterhead, creditor: Letterhead, debtor: LetterDebtor, basis: String, invoices: [ClaimedInvoice],
                date: CalendarDay, place: String, locale: MessageLocale, reference: String, payment: PaymentInstructions,
                signature: LetterSignature, earlierLetter: SentLetterReference? = nil, footer: [String] = []) {
        self.agency = agency
        self.creditor = creditor
        self.debtor = debtor
        self.basis = basis
        self.invoices = invoices
        self.date = date
        self.place = place
        self.locale = locale
        self.reference = reference
        self.payment = payment
        self.signature = signature
        self.earlierLetter = earlierLetter
        self.footer = footer
    }

    /// The letter.
    public var letter: Letter {
        let fr = locale == .fr
        let consumer = debtor.kind == .consumer
        let labels = LetterLabels(locale: locale)
        let table = InvoiceTable(rows: invoices.map(\.row), penaltyColumn: consumer ? .legalInterest : .latePenalties,
                                 showsIndemnity: !consumer)
        func money(_ amounts: [Money]) -> String { LetterWording.amounts(amounts, locale) }
        let total = money(table.total)

        var references = [LetterReference(label: fr ? "Notre référence" : "Our reference", value: reference)]
        if let earlierLetter {
            let sent = LetterDayFormat.long(earlierLetter.sentOn, locale)
            references.append(LetterReference(label: fr ? "Rappel de notre courrier" : "Further to our letter",
                                              value: fr ? "réf. \(earlierLetter.reference) du \(sent)" : "ref. \(earlierLetter.reference) of \(sent)"))
        }
        if let customer = debtor.customerReference, !customer.isEmpty {
            references.append(LetterReference(label: fr ? "Votre référence client chez le créancier" : "Your customer reference with the creditor",
                                              value: customer))
        }

        let interestLabel = consumer
            ? (fr ? "intérêts au taux légal" : "interest at the legal rate")
            : (fr ? "intérêts (pénalités de retard, article L441-10 du code de commerce)" : "interest (late-payment penalties, French Commercial Code art. L441-10)")
        let otherItems = consumer
            ? (fr ? "autres accessoires : néant" : "other items: none")
            : (fr ? "autres accessoires (indemnité forfaitaire pour frais de recouvrement, articles L441-10 et D441-5 du code de commerce) : \(money(table.totalIndemnity))"
                : "other items (fixed recovery indemnity, French Commercial Code art. L441-10 and D441-5): \(money(table.totalIndemnity))")

        var body: [LetterBlock] = [
            .paragraph(fr
                ? "\(agency.name), \(agency.addressInline), exerce une activité de recouvrement amiable de créances. Nous intervenons pour le compte de votre créancier :"
                : "\(agency.name), \(agency.addressInline), carries out the amicable collection of debts. We are acting on behalf of your creditor:"),
            .emphasis(labels.field(fr ? "Créancier" : "Creditor", "\(creditor.name), \(creditor.addressInline)")),
            .paragraph(labels.field(fr ? "Fondement de la créance" : "Basis of the debt", basis)
                + (fr ? ". Les factures concernées et les sommes dues à ce jour sont les suivantes :" : ". The invoices concerned and the amounts owed to date are:")),
            .invoiceTable(table),
            .paragraph(fr
                ? "Décomposition de la somme due : principal : \(money(table.totalPrincipal)) ; \(interestLabel) : \(money(table.totalPenalties)) ; \(otherItems) ; soit un total de \(total)."
                : "Breakdown of the amount owed: principal: \(money(table.totalPrincipal)); \(interestLabel): \(money(table.totalPenalties)); \(otherItems); making a total of \(total)."),
            .paragraph(fr
                ? "Aucuns frais de recouvrement amiable ne vous sont réclamés : ils restent à la charge du créancier (article L111-8 du code des procédures civiles d'exécution)."
                : "No amicable collection costs are claimed from you: they are borne by the creditor (French Code of Civil Enforcement Procedures, art. L111-8)."),
            .emphasis(fr
                ? "Nous vous demandons de régler la somme de \(total) dans un délai de huit jours à compter de la réception de la présente, selon les modalités ci-dessous."
                : "We ask you to pay the sum of \(total) within eight days of receiving this letter, as set out below."),
            .paymentInstructions(payment),
            .paragraph(LetterWording.contact(agency, locale)),
            .paragraph(fr
                ? "Merci de rappeler notre référence \(reference) dans toute correspondance."
                : "Please quote our reference \(reference) in any correspondence."),
            .quotation(heading: CollectionCostsLaw.frenchHeading, paragraphs: CollectionCostsLaw.frenchParagraphs),
        ]
        if !fr {
            body.append(.quotation(heading: CollectionCostsLaw.englishHeading, paragraphs: CollectionCostsLaw.englishParagraphs))
        }
        return Letter(
            locale: locale, sender: agency, recipient: debtor.recipient, place: place, date: date,
            subject: fr ? "Recouvrement amiable de créance – \(creditor.name)" : "Amicable debt collection – \(creditor.name)",
            references: references, salutation: LetterWording.salutation(locale), body: body,
            closing: LetterWording.closing(locale), signature: signature, footer: footer)
    }
}
