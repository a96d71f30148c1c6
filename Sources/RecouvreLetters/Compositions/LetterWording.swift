import Foundation
import RecouvreCore

/// Sentences and pieces the compositions share.
enum LetterWording {
    static func salutation(_ locale: MessageLocale) -> String {
        locale == .fr ? "Madame, Monsieur," : "Dear Sir or Madam,"
    }

    static func closing(_ locale: MessageLocale) -> String {
        locale == .fr ? "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées."
            : "Yours faithfully,"
    }

    /// Amounts of several currencies in a sentence: « 1 200,00 € et 300,00 USD ».
    static func amounts(_ amounts: [Money], _ locale: MessageLocale) -> String {
        if amounts.isEmpty { return Money.zero().formatted(locale) }
        return amounts.map { $0.formatted(locale) }.joined(separator: locale == .fr ? " et " : " and ")
    }

    /// The references every composed letter carries: ours, then the customer's.
    static func references(ours: String, debtor: LetterDebtor, _ locale: MessageLocale) -> [LetterReference] {
        var references = [LetterReference(label: locale == .fr ? "Nos références" : "Our reference", value: ours)]
        if let customer = debtor.customerReference, !customer.isEmpty {
            references.append(LetterReference(label: locale == .fr ? "Référence client" : "Customer reference", value: customer))
        }
        return references
    }

    /// An invitation to get in touch, with the sender's telephone and e-mail when known.
    static func contact(_ sender: Letterhead, _ locale: MessageLocale) -> String {
        var means: [String] = []
        if let phone = sender.phone { means.append(locale == .fr ? "par téléphone au \(phone)" : "by telephone on \(phone)") }
        if let email = sender.email { means.append(locale == .fr ? "par courriel à \(email)" : "by email at \(email)") }
        let how = means.isEmpty ? "" : " " + means.joined(separator: locale == .fr ? " ou " : " or ")
        return locale == .fr
            ? "Si vous contestez tout ou partie de ces sommes ou rencontrez une difficulté de paiement, nous vous invitons à nous contacter sans attendre\(how)."
            : "If you dispute all or part of these amounts or have difficulty paying, please contact us without delay\(how)."
    }

    /// The distinct rates of the invoices, in the order they first appear.
    static func distinctRates(_ invoices: [ClaimedInvoice]) -> [Decimal] {
        var rates: [Decimal] = []
        for rate in invoices.flatMap(\.rates) where !rates.contains(rate) { rates.append(rate) }
        return rates
    }
}
