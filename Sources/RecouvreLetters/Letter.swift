import RecouvreCore

/// A letter to a debtor, as pure data: what it says and in which language, not how it is drawn.
///
/// `LetterPDFRenderer` lays it out on A4 paper for a French DL window envelope: the letterhead
/// at the top left, the recipient's address where the window shows it, then the place and date,
/// the registered-mail mention, the subject and references, the salutation, the body, the
/// closing formula and the signature; legal mentions and the page number at the foot of every page.
public struct Letter: Sendable, Hashable {
    /// The language; amounts, dates and fixed labels follow it.
    public var locale: MessageLocale
    /// The sender's letterhead.
    public var sender: Letterhead
    /// The addressee.
    public var recipient: LetterRecipient
    /// The town the letter is written from.
    public var place: String
    /// The day the letter is dated.
    public var date: CalendarDay
    /// Whether the letter is sent registered with acknowledgment of receipt.
    public var registeredMail: Bool
    /// The subject, without the « Objet : » label.
    public var subject: String
    /// Reference lines under the subject.
    public var references: [LetterReference]
    /// "Madame, Monsieur," or "Dear Sir or Madam,".
    public var salutation: String
    /// The body, in order.
    public var body: [LetterBlock]
    /// The closing formula.
    public var closing: String
    /// Who signs.
    public var signature: LetterSignature
    /// Legal mentions printed small at the foot of every page (company form, registration, capital).
    public var footer: [String]

    /// Creates a letter.
    public init(locale: MessageLocale, sender: Letterhead, recipient: LetterRecipient, place: String, date: CalendarDay,
                registeredMail: Bool = false, subject: String, references: [LetterReference] = [], salutation: String,
                body: [LetterBlock], closing: String, signature: LetterSignature, footer: [String] = []) {
        self.locale = locale
        self.sender = sender
        self.recipient = recipient
        self.place = place
        self.date = date
        self.registeredMail = registeredMail
        self.subject = subject
        self.references = references
        self.salutation = salutation
        self.body = body
        self.closing = closing
        self.signature = signature
        self.footer = footer
    }

    /// The place and date line: « Paris, le 15 janvier 2026 » or "Paris, 15 January 2026".
    public var placeAndDate: String {
        let day = LetterDayFormat.long(date, locale)
        switch locale {
        case .fr: return place.isEmpty ? "Le \(day)" : "\(place), le \(day)"
        case .en: return place.isEmpty ? day : "\(place), \(day)"
        }
    }

    /// The registered-mail mention in the letter's language.
    public var registeredMailMention: String {
        switch locale {
        case .fr: return "Lettre recommandée avec demande d'avis de réception"
        case .en: return "Registered letter with acknowledgment of receipt"
        }
    }

    /// The subject line with its label: « Objet : … » or "Subject: …".
    public var subjectLine: String {
        (locale == .fr ? "Objet : " : "Subject: ") + subject
    }
}
