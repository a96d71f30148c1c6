import Foundation
import RecouvreCore

/// The fixed words of the layout, per language.
struct LetterLabels {
    let locale: MessageLocale

    var siren: String { locale == .fr ? "SIREN" : "SIREN (company no.)" }
    var phone: String { locale == .fr ? "Tél." : "Tel." }
    var email: String { locale == .fr ? "Courriel" : "Email" }
    var invoiceNumber: String { locale == .fr ? "Facture n°" : "Invoice no." }
    var dueDate: String { locale == .fr ? "Échéance" : "Due date" }
    var principal: String { locale == .fr ? "Principal restant dû" : "Principal outstanding" }
    var issueDate: String { locale == .fr ? "Émise le" : "Issued" }
    var outstanding: String { locale == .fr ? "Reste dû" : "Outstanding" }
    var invoiced: String { locale == .fr ? "Montant facturé" : "Amount invoiced" }
    var latePenalties: String { locale == .fr ? "Pénalités de retard" : "Late-payment penalties" }
    var legalInterest: String { locale == .fr ? "Intérêts au taux légal" : "Interest at the legal rate" }
    var indemnity: String { locale == .fr ? "Indemnité forfaitaire" : "Fixed indemnity" }
    var total: String { locale == .fr ? "Total" : "Total" }
    var howToPay: String { locale == .fr ? "Modalités de paiement" : "How to pay" }
    var beneficiary: String { locale == .fr ? "Bénéficiaire" : "Beneficiary" }
    var paymentReference: String { locale == .fr ? "Référence à indiquer" : "Reference to quote" }

    /// "Label : value" in French typography, "Label: value" in English.
    func field(_ label: String, _ value: String) -> String {
        locale == .fr ? "\(label)\u{00A0}: \(value)" : "\(label): \(value)"
    }

    /// Page numbering: « Page 2 / 3 ».
    func page(_ number: Int, of count: Int) -> String { "Page \(number) / \(count)" }

    /// Amounts of several currencies, one per line.
    func amounts(_ amounts: [Money]) -> String {
        amounts.isEmpty ? Money.zero().formatted(locale) : amounts.map { $0.formatted(locale) }.joined(separator: "\n")
    }

    /// "12,15 %" or "12,15 % puis 10,15 %" (French); "12.15%" or "12.15% then 10.15%" (English).
    func rates(_ rates: [Decimal]) -> String {
        rates.map { rate -> String in
            var value = rate
            var rounded = Decimal()
            NSDecimalRound(&rounded, &value, 2, .plain)
            let text = "\(rounded)"
            return locale == .fr ? text.replacingOccurrences(of: ".", with: ",") + "\u{00A0}%" : text + "%"
        }
        .joined(separator: locale == .fr ? " puis " : " then ")
    }
}
