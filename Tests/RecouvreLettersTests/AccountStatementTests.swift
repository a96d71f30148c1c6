import Foundation
import RecouvreCore
import RecouvreLetters
import Testing

/// The statement of account attached to e-mail reminders.
@Suite struct AccountStatementTests {
    private let lines = [
        StatementLine(number: "FA-2025-0917", issuedOn: CalendarDay(year: 2025, month: 10, day: 1),
                      dueOn: CalendarDay(year: 2025, month: 10, day: 31), amount: LetterFixtures.money("1250.40"),
                      outstanding: LetterFixtures.money("250.40")),
        StatementLine(number: "FA-2025-1004", issuedOn: CalendarDay(year: 2025, month: 11, day: 1),
                      dueOn: CalendarDay(year: 2025, month: 11, day: 30), amount: LetterFixtures.money("18400"),
                      outstanding: LetterFixtures.money("18400"), disputed: true),
        StatementLine(number: "FA-2026-0003", issuedOn: CalendarDay(year: 2026, month: 1, day: 5),
                      dueOn: CalendarDay(year: 2026, month: 2, day: 4), amount: LetterFixtures.money("600"),
                      outstanding: LetterFixtures.money("600")),
    ]

    private func text(_ statement: AccountStatement) throws -> String {
        let pdf = try PDFInspection(try LetterPDFRenderer(creationDate: LetterFixtures.fixedCreation).render(statement.letter))
        defer { pdf.remove() }
        return try pdf.text()
    }

    @Test func frenchStatementListsEveryInvoiceWithWhatRemainsAndWhatIsOverdue() throws {
        let statement = AccountStatement(creditor: LetterFixtures.creditor, debtor: LetterFixtures.business, lines: lines,
                                         date: LetterFixtures.day, place: "Paris", locale: .fr, reference: "ACME-4-17",
                                         payment: LetterFixtures.payment, signature: LetterFixtures.signature,
                                         footer: LetterFixtures.footer)
        #expect(statement.overdue.map(\.number) == ["FA-2025-0917", "FA-2025-1004"])
        let text = try text(statement)
        for mention in ["Objet : Relevé de compte au 15 janvier 2026", "Nos références : ACME-4-17", "Référence client : CLI-0042",
                        "Émise le", "Montant facturé",
                        "Facture n° Émise le Échéance Montant facturé Reste dû FA-2025-0917 01/10/2025 31/10/2025 1 250,40 € 250,40 € FA-2025-1004",
                        "01/11/2025 30/11/2025 18 400,00 € 18 400,00 € (contestée)",
                        "FA-2026-0003 05/01/2026 04/02/2026 600,00 € 600,00 € Total 20 250,40 € 19 250,40 € Total restant dû",
                        "Total restant dû : 19 250,40 €, dont échu : 18 650,40 €",
                        "contestation en cours d'examen", "IBAN : FR76 3000 6000 0112 3456 7890 189"] {
            #expect(text.contains(PDFInspection.normalised(mention)), "missing: \(mention)\n\(text)")
        }
        // A statement claims no penalty and no indemnity.
        #expect(!text.contains("Pénalités") && !text.contains("Indemnité"))
    }

    @Test func englishStatementWithoutDisputes() throws {
        let statement = AccountStatement(creditor: LetterFixtures.creditor, debtor: LetterFixtures.consumer,
                                         lines: [lines[0], lines[2]], date: LetterFixtures.day, place: "Paris", locale: .en,
                                         reference: "ACME-4-18", signature: LetterFixtures.signature)
        let text = try text(statement)
        for mention in ["Statement of account as of 15 January 2026", "Amount invoiced",
                        "Total outstanding: €850.40, of which overdue: €250.40"] {
            #expect(text.contains(PDFInspection.normalised(mention)), "missing: \(mention)\n\(text)")
        }
        #expect(!text.contains("disputed"))
    }
}
