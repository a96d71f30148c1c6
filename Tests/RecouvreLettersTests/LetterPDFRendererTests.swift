import Foundation
import RecouvreCore
import RecouvreLetters
import Testing

@Suite("Letter PDF layout")
struct LetterPDFRendererTests {
    static func sample(invoices: Int = 2, locale: MessageLocale = .fr) -> Letter {
        let rows = (1...invoices).map { index in
            InvoiceTableRow(number: "FA-2025-\(1000 + index)", dueOn: CalendarDay(year: 2025, month: 10, day: 1).adding(days: index),
                            principal: Money(parsing: "1250.40")!, penalties: Money(parsing: "23.17")!, indemnity: Money(parsing: "40")!,
                            penaltyRates: [Decimal(string: "12.15")!])
        }
        return Letter(
            locale: locale,
            sender: Letterhead(name: "Atelier Durand SAS", addressLines: ["12 rue de la Paix", "75002 Paris"], siren: "123 456 789",
                               phone: "01 23 45 67 89", email: "compta@durand.example"),
            recipient: LetterRecipient(name: "Société Dupré SARL", addressLines: ["Service comptabilité", "4 allée des Érables", "69003 Lyon"]),
            place: "Paris", date: CalendarDay(year: 2026, month: 1, day: 15), registeredMail: true,
            subject: "Factures impayées", references: [LetterReference(label: "Nos références", value: "MD-2026-0042")],
            salutation: "Madame, Monsieur,",
            body: [.paragraph("Sauf erreur de notre part, les factures suivantes restent impayées à ce jour."),
                   .invoiceTable(InvoiceTable(rows: rows, penaltyColumn: .latePenalties, showsIndemnity: true))],
            closing: "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
            signature: LetterSignature(name: "Claire Martin", role: "Responsable du recouvrement"),
            footer: ["Atelier Durand SAS au capital de 10 000 € – RCS Paris 123 456 789"])
    }

    @Test func amountsReadBack() throws {
        let data = try LetterPDFRenderer().render(Self.sample(invoices: 80))
        let pdf = try PDFInspection(data)
        defer { pdf.remove() }
        #expect(try pdf.text().contains("1 250,40 €"))
    }
}
