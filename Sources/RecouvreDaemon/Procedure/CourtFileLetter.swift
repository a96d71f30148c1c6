import Foundation
import RecouvreCore
import RecouvreLetters
import RecouvreStore

/// The court-ready file as a PDF for the lawyer or commissaire de justice: the parties, the
/// claim table, the chronology with its proofs and the recommended route, beside its JSON twin.
enum CourtFileLetter {
    static func letter(_ file: CourtFile, lines: [ClaimStatementLine], creditor: Letterhead, day: CalendarDay, place: String,
                       locale: MessageLocale, reference: String, signature: LetterSignature) -> Letter {
        let fr = locale == .fr
        let debtor = file.debtor
        let kind = debtor.kind == .consumer ? (fr ? "consommateur" : "consumer") : (fr ? "professionnel" : "business")
        let table = InvoiceTable(
            rows: lines.map {
                InvoiceTableRow(number: $0.number, dueOn: $0.dueOn, principal: $0.principal, penalties: $0.penalty,
                                indemnity: $0.indemnity, penaltyRates: $0.rates)
            },
            penaltyColumn: debtor.kind == .consumer ? .legalInterest : .latePenalties, showsIndemnity: debtor.kind != .consumer)
        let parties = fr
            ? "Créancier : \(file.creditor.name)\(file.creditor.siren.map { ", SIREN \($0)" } ?? ""), \(file.creditor.address.joined(separator: ", ")). "
                + "Débiteur (\(kind)) : \(debtor.name), \(debtor.address.joined(separator: ", "))\(debtor.reference.map { ", référence client \($0)" } ?? "")."
            : "Creditor: \(file.creditor.name)\(file.creditor.siren.map { ", SIREN \($0)" } ?? ""), \(file.creditor.address.joined(separator: ", ")). "
                + "Debtor (\(kind)): \(debtor.name), \(debtor.address.joined(separator: ", "))\(debtor.reference.map { ", customer reference \($0)" } ?? "")."
        let chronology = file.chronology.map { event in
            "\(event.at.prefix(10)) – \(event.summary)" + (event.proof.map { fr ? " (preuve : \($0))" : " (proof: \($0))" } ?? "")
        }
        let route = file.recommendation
        var body: [LetterBlock] = [
            .emphasis(fr ? "Dossier de recouvrement judiciaire arrêté au \(LetterDayFormat.short(day, locale))"
                         : "Court file as of \(LetterDayFormat.short(day, locale))"),
            .paragraph(parties),
            .invoiceTable(table),
            .quotation(heading: fr ? "Chronologie et preuves" : "Chronology and proofs",
                       paragraphs: chronology.isEmpty ? [fr ? "Aucun événement enregistré." : "Nothing recorded."] : chronology),
            .quotation(heading: fr ? "Voie recommandée" : "Recommended route",
                       paragraphs: route.reasons + (route.form.map { [fr ? "Formulaire : \($0)" : "Form: \($0)"] } ?? [])),
        ]
        if !route.warnings.isEmpty {
            body.append(.quotation(heading: fr ? "Points d'attention" : "Points to check", paragraphs: route.warnings))
        }
        body.append(.paragraph(fr ? "Le fichier JSON joint reprend ces éléments sous une forme lisible par machine."
                                  : "The JSON file beside this one carries the same facts for machines."))
        return Letter(locale: locale, sender: creditor,
                      recipient: LetterRecipient(name: fr ? "Avocat ou commissaire de justice chargé du dossier" : "Lawyer or commissaire de justice in charge",
                                                 addressLines: []),
                      place: place, date: day, subject: fr ? "Dossier contentieux – \(debtor.name)" : "Court file – \(debtor.name)",
                      references: [LetterReference(label: fr ? "Dossier" : "File", value: reference)],
                      salutation: fr ? "Maître," : "Dear Counsel,", body: body,
                      closing: fr ? "Nous restons à votre disposition pour toute pièce complémentaire."
                                  : "We remain at your disposal for any further document.",
                      signature: signature)
    }
}
