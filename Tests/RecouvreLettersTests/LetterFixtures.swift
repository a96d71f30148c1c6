import Foundation
import RecouvreCore
import RecouvreLetters

/// The parties and invoices the tests write letters about.
enum LetterFixtures {
    static let day = CalendarDay(year: 2026, month: 1, day: 15)
    static let fixedCreation = Date(timeIntervalSince1970: 1_768_467_600)  // 2026-01-15 09:00 UTC

    static let creditor = Letterhead(name: "Atelier Durand SAS", addressLines: ["12 rue de la Paix", "75002 Paris"],
                                     siren: "123 456 789", phone: "01 23 45 67 89", email: "compta@durand.example")
    static let agency = Letterhead(name: "Recouvrement Loire Conseil", addressLines: ["8 quai de la Fosse", "44000 Nantes"],
                                   siren: "987 654 321", phone: "02 40 00 00 00", email: "dossiers@rlc.example")
    static let business = LetterDebtor(name: "Société Dupré SARL",
                                       addressLines: ["Service comptabilité", "4 allée des Érables", "69003 Lyon"],
                                       kind: .business, customerReference: "CLI-0042")
    static let consumer = LetterDebtor(name: "Mme Hélène Lefèvre", addressLines: ["27 rue Émile Zola", "33000 Bordeaux"],
                                       kind: .consumer, customerReference: "CLI-0077")
    static let payment = PaymentInstructions(beneficiary: "Atelier Durand SAS", iban: "FR76 3000 6000 0112 3456 7890 189",
                                             bic: "AGRIFRPP", paymentReference: "MD-2026-0042")
    static let signature = LetterSignature(name: "Claire Martin", role: "Responsable du recouvrement", organisation: "Atelier Durand SAS")
    static let footer = ["Atelier Durand SAS au capital de 10 000 € – RCS Paris 123 456 789"]

    static func money(_ text: String) -> Money { Money(parsing: text)! }

    /// Two invoices of a business debtor, with penalties at 12.15 % then 10.15 % and the €40 indemnity.
    static let businessInvoices = [
        ClaimedInvoice(number: "FA-2025-0917", dueOn: CalendarDay(year: 2025, month: 10, day: 31), principal: money("1250.40"),
                       penalty: money("31.87"), indemnity: money("40"), rates: [Decimal(string: "12.15")!, Decimal(string: "10.15")!]),
        ClaimedInvoice(number: "FA-2025-1004", dueOn: CalendarDay(year: 2025, month: 11, day: 30), principal: money("18400"),
                       penalty: money("234.56"), indemnity: money("40"), rates: [Decimal(string: "12.15")!]),
    ]

    /// One invoice of a consumer: interest runs from the notice, so none yet; no indemnity.
    static let consumerInvoices = [
        ClaimedInvoice(number: "FA-2025-1111", dueOn: CalendarDay(year: 2025, month: 11, day: 15), principal: money("980.00")),
    ]

    /// `count` invoices, for letters that run over several pages.
    static func manyInvoices(_ count: Int) -> [ClaimedInvoice] {
        (1...count).map { index in
            ClaimedInvoice(number: "FA-2025-\(2000 + index)", dueOn: CalendarDay(year: 2025, month: 6, day: 1).adding(days: index),
                           principal: money("100.00"), penalty: money("5.25"), indemnity: money("40"), rates: [Decimal(string: "12.15")!])
        }
    }

    static func formalNotice(_ debtor: LetterDebtor, _ invoices: [ClaimedInvoice], _ locale: MessageLocale) -> Letter {
        FormalNoticeLetter(creditor: creditor, debtor: debtor, invoices: invoices, date: day, place: "Paris", locale: locale,
                           reference: "MD-2026-0042", payment: payment, signature: signature, footer: footer).letter
    }

    static func agencyLetter(_ debtor: LetterDebtor, _ invoices: [ClaimedInvoice], _ locale: MessageLocale,
                             earlier: SentLetterReference? = nil) -> Letter {
        AgencyLetter(agency: agency, creditor: creditor, debtor: debtor,
                     basis: locale == .fr ? "factures de travaux de menuiserie impayées" : "unpaid invoices for joinery work",
                     invoices: invoices, date: day, place: "Nantes", locale: locale, reference: "RLC-2026-318",
                     payment: PaymentInstructions(beneficiary: "Recouvrement Loire Conseil – compte clients",
                                                  iban: "FR76 1027 8360 0000 0123 4567 812", bic: "CMCIFR2A",
                                                  paymentReference: "RLC-2026-318"),
                     signature: LetterSignature(name: "Marc Bernard", role: "Chargé de recouvrement", organisation: agency.name),
                     earlierLetter: earlier).letter
    }
}
