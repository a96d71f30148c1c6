import Foundation
import RecouvreCore
import RecouvreLetters
import Testing

@Suite("Letter compositions")
struct CompositionTests {
    /// The letter's text as pdftotext reads it from the rendered PDF, whitespace normalised.
    private func text(_ letter: Letter) throws -> String {
        let pdf = try PDFInspection(try LetterPDFRenderer().render(letter))
        defer { pdf.remove() }
        return try pdf.text()
    }

    private func expectAll(_ mentions: [String], in text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for mention in mentions {
            #expect(text.contains(PDFInspection.normalised(mention)), "missing: \(mention)", sourceLocation: sourceLocation)
        }
    }

    @Test func frenchReminderListsInvoicesAndTotal() throws {
        let letter = ReminderLetter(creditor: LetterFixtures.creditor, debtor: LetterFixtures.business,
                                    invoices: LetterFixtures.businessInvoices, date: LetterFixtures.day, place: "Paris", locale: .fr,
                                    reference: "REL-2026-0007", payment: LetterFixtures.payment, signature: LetterFixtures.signature,
                                    footer: LetterFixtures.footer).letter
        let text = try text(letter)
        expectAll(["Objet : Relance – factures impayées", "Nos références : REL-2026-0007", "Référence client : CLI-0042",
                   "Paris, le 15 janvier 2026", "FA-2025-0917 31/10/2025 1 250,40 €", "FA-2025-1004 30/11/2025 18 400,00 €",
                   "Montant restant dû : 19 650,40 €", "indemnité forfaitaire pour frais de recouvrement de 40 €",
                   "IBAN : FR76 3000 6000 0112 3456 7890 189", "BIC : AGRIFRPP", "Référence à indiquer : MD-2026-0042",
                   "Claire Martin Responsable du recouvrement"], in: text)
        #expect(!text.contains("recommandée"))
        // A reminder claims the principal only.
        #expect(!text.contains("31,87"))
    }

    @Test func englishReminderToAConsumerSaysNothingOfPenalties() throws {
        let letter = ReminderLetter(creditor: LetterFixtures.creditor, debtor: LetterFixtures.consumer,
                                    invoices: LetterFixtures.consumerInvoices, date: LetterFixtures.day, place: "Paris", locale: .en,
                                    reference: "REL-2026-0008", signature: LetterFixtures.signature).letter
        let text = try text(letter)
        expectAll(["Subject: Reminder – unpaid invoice", "Paris, 15 January 2026", "FA-2025-1111 15 Nov 2025 €980.00",
                   "Amount outstanding: €980.00", "Mme Hélène Lefèvre 27 rue Émile Zola 33000 Bordeaux"], in: text)
        #expect(!text.contains("€40"))
        #expect(!text.lowercased().contains("penalt"))
    }

    @Test func frenchFormalNoticeToABusinessStatesTheClaimAndTheCommercialCode() throws {
        let text = try text(LetterFixtures.formalNotice(LetterFixtures.business, LetterFixtures.businessInvoices, .fr))
        expectAll([
            "Lettre recommandée avec demande d'avis de réception", "Objet : Mise en demeure de payer",
            "Nos références : MD-2026-0042",
            "FA-2025-0917 31/10/2025 1 250,40 € 31,87 € 40,00 € 1 322,27 €", "(12,15 % puis 10,15 %)",
            "FA-2025-1004 30/11/2025 18 400,00 € 234,56 € 40,00 € 18 674,56 €",
            "Total 19 650,40 € 266,43 € 80,00 € 19 996,83 €",
            "Principal : 19 650,40 €", "Pénalités de retard : 266,43 €",
            "Indemnités forfaitaires pour frais de recouvrement : 80,00 €", "Total dû : 19 996,83 €",
            "à compter du lendemain de la date d'échéance de chaque facture (article L441-10 du code de commerce)",
            "au taux annuel de 12,15 % puis 10,15 %",
            "de 40 € est due pour chaque facture payée en retard (articles L441-10 et D441-5 du code de commerce)",
            "une indemnisation complémentaire peut être demandée sur justification",
            "la somme de 19 996,83 € dans un délai de huit jours à compter de la réception de la présente",
        ], in: text)
        #expect(!text.contains("1231-6"))
    }

    @Test func frenchFormalNoticeToAConsumerCitesTheCivilCodeWithoutIndemnityOrCosts() throws {
        let text = try text(LetterFixtures.formalNotice(LetterFixtures.consumer, LetterFixtures.consumerInvoices, .fr))
        expectAll([
            "Lettre recommandée avec demande d'avis de réception", "Intérêts au taux légal",
            "FA-2025-1111 15/11/2025 980,00 € 0,00 € 980,00 €",
            "fait courir les intérêts au taux légal sur les sommes dues (articles 1231-6 et 1344-1 du code civil)",
            "la somme de 980,00 € dans un délai de huit jours à compter de la réception",
        ], in: text)
        #expect(!text.contains("L441-10"))
        #expect(!text.contains("Indemnité"))
        #expect(!text.contains("40,00 €"))
        #expect(!text.lowercased().contains("frais"))
    }

    @Test func englishFormalNoticeToABusiness() throws {
        let text = try text(LetterFixtures.formalNotice(LetterFixtures.business, LetterFixtures.businessInvoices, .en))
        expectAll([
            "Registered letter with acknowledgment of receipt", "Subject: Formal notice to pay",
            "FA-2025-1004 30 Nov 2025 €18,400.00 €234.56 €40.00 €18,674.56", "(12.15% then 10.15%)",
            "Total owed: €19,996.83", "French Commercial Code, art. L441-10", "art. L441-10 and D441-5",
            "pay the sum of €19,996.83 within eight days of receiving this letter",
        ], in: text)
    }

    @Test func frenchAgencyLetterCarriesEveryMentionOfR124_4() throws {
        let text = try text(LetterFixtures.agencyLetter(LetterFixtures.business, LetterFixtures.businessInvoices, .fr))
        expectAll([
            // 1° the agency, its address, its activity.
            "Recouvrement Loire Conseil, 8 quai de la Fosse, 44000 Nantes, exerce une activité de recouvrement amiable de créances",
            // 2° the creditor and its address.
            "Créancier : Atelier Durand SAS, 12 rue de la Paix, 75002 Paris",
            // 3° basis and amount split into principal, interest and other items.
            "Fondement de la créance : factures de travaux de menuiserie impayées",
            "principal : 19 650,40 €", "intérêts (pénalités de retard, article L441-10 du code de commerce) : 266,43 €",
            "autres accessoires (indemnité forfaitaire pour frais de recouvrement, articles L441-10 et D441-5 du code de commerce) : 80,00 €",
            "soit un total de 19 996,83 €",
            "Aucuns frais de recouvrement amiable ne vous sont réclamés",
            // 4° the demand to pay and how.
            "Nous vous demandons de régler la somme de 19 996,83 €",
            "IBAN : FR76 1027 8360 0000 0123 4567 812", "Référence à indiquer : RLC-2026-318",
            // 5° L111-8 paragraphs 2 and 3, verbatim.
            CollectionCostsLaw.frenchHeading,
        ] + CollectionCostsLaw.frenchParagraphs + ["Notre référence : RLC-2026-318", "Nantes, le 15 janvier 2026"], in: text)
    }

    @Test func laterAgencyLetterRecallsTheFirstOnesReferenceAndDate() throws {
        let earlier = SentLetterReference(reference: "RLC-2026-318", sentOn: CalendarDay(year: 2026, month: 1, day: 2))
        let text = try text(LetterFixtures.agencyLetter(LetterFixtures.consumer, LetterFixtures.consumerInvoices, .fr, earlier: earlier))
        expectAll(["Rappel de notre courrier : réf. RLC-2026-318 du 2 janvier 2026",
                   "intérêts au taux légal : 0,00 €", "autres accessoires : néant", "soit un total de 980,00 €"]
                  + CollectionCostsLaw.frenchParagraphs, in: text)
        #expect(!text.contains("40,00 €"))
    }

    @Test func englishAgencyLetterKeepsTheFrenchTextOfL111_8() throws {
        let text = try text(LetterFixtures.agencyLetter(LetterFixtures.business, LetterFixtures.businessInvoices, .en))
        expectAll([
            "Recouvrement Loire Conseil, 8 quai de la Fosse, 44000 Nantes, carries out the amicable collection of debts",
            "Creditor: Atelier Durand SAS, 12 rue de la Paix, 75002 Paris",
            "Basis of the debt: unpaid invoices for joinery work",
            "principal: €19,650.40", "other items (fixed recovery indemnity, French Commercial Code art. L441-10 and D441-5): €80.00",
            "making a total of €19,996.83", "We ask you to pay the sum of €19,996.83",
        ] + CollectionCostsLaw.frenchParagraphs + CollectionCostsLaw.englishParagraphs, in: text)
    }
}
