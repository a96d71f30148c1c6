import Foundation
import RecouvreCore
import RecouvreLetters
import Testing

@Suite("Letter PDF layout")
struct LetterPDFRendererTests {
    private func inspect<T>(_ letter: Letter, renderer: LetterPDFRenderer = LetterPDFRenderer(),
                            _ body: (PDFInspection) throws -> T) throws -> T {
        let pdf = try PDFInspection(try renderer.render(letter))
        defer { pdf.remove() }
        return try body(pdf)
    }

    @Test func isA4WithTitleAndAuthor() throws {
        let letter = LetterFixtures.formalNotice(LetterFixtures.business, LetterFixtures.businessInvoices, .fr)
        let info = try inspect(letter) { try $0.info() }
        #expect(info["Page size"]?.hasPrefix("595.28 x 841.89 pts") == true)
        #expect(info["Page size"]?.contains("A4") == true)
        #expect(info["Pages"] == "2")
        #expect(info["Title"] == "Mise en demeure de payer")
        #expect(info["Author"] == "Atelier Durand SAS")
    }

    @Test func addressSitsInTheEnvelopeWindow() throws {
        let letter = LetterFixtures.formalNotice(LetterFixtures.business, LetterFixtures.businessInvoices, .fr)
        let mm = 72.0 / 25.4
        try inspect(letter) { pdf in
            // The window of a DL envelope: about 110 to 200 mm from the left, 45 to 90 mm from the top.
            let window = try pdf.text(inX: 108 * mm, y: 43 * mm, width: 92 * mm, height: 47 * mm)
            #expect(window == "Société Dupré SARL Service comptabilité 4 allée des Érables 69003 Lyon")
            // Nothing of the address outside it: not above, not to its left.
            let above = try pdf.text(inX: 0, y: 0, width: 595, height: 43 * mm)
            #expect(!above.contains("Dupré"))
            let left = try pdf.text(inX: 0, y: 43 * mm, width: 108 * mm, height: 47 * mm)
            #expect(!left.contains("Dupré") && !left.contains("Lyon"))
        }
    }

    @Test func longInvoiceListRunsOverPagesWithTheHeadingRepeated() throws {
        let letter = LetterFixtures.formalNotice(LetterFixtures.business, LetterFixtures.manyInvoices(44), .fr)
        try inspect(letter) { pdf in
            #expect(try pdf.info()["Pages"] == "3")
            for page in 1...3 {
                let text = try pdf.text(page: page)
                #expect(text.contains("Facture n° Échéance Principal"), "table heading on page \(page)")
                #expect(text.contains("Page \(page) / 3"))
                #expect(text.contains("Atelier Durand SAS au capital de 10 000 € – RCS Paris 123 456 789"))
            }
            let all = try pdf.text()
            for index in 1...44 { #expect(all.contains("FA-2025-\(2000 + index)")) }
            // 44 × 100,00 = 4 400,00; 44 × 5,25 = 231,00; 44 × 40 = 1 760,00; total 6 391,00.
            #expect(all.contains("Total 4 400,00 € 231,00 € 1 760,00 € 6 391,00 €"))
            #expect(try pdf.text(page: 3).contains("Claire Martin"))
        }
    }

    @Test func eightyInvoicesSpanSeveralPages() throws {
        let letter = LetterFixtures.agencyLetter(LetterFixtures.business, LetterFixtures.manyInvoices(80), .fr)
        try inspect(letter) { pdf in
            let pages = Int(try pdf.info()["Pages"] ?? "") ?? 0
            #expect(pages >= 3)
            #expect(try pdf.text(page: 2).contains("Page 2 / \(pages)"))
            #expect(try pdf.text(page: pages).contains("Cependant, le créancier qui justifie"))
        }
    }

    @Test func renderingIsReproducibleWithAFixedCreationDate() throws {
        let renderer = LetterPDFRenderer(creationDate: LetterFixtures.fixedCreation)
        let letter = LetterFixtures.agencyLetter(LetterFixtures.business, LetterFixtures.businessInvoices, .fr)
        let first = try renderer.render(letter)
        let second = try renderer.render(letter)
        #expect(first == second)
        let info = try inspect(letter, renderer: renderer) { try $0.info() }
        #expect(info["CreationDate"]?.contains("2026") == true)
        #expect(info["CreationDate"]?.contains("Jan 15") == true)
    }

    @Test func rendersConcurrentlyFromManyTasks() async throws {
        let renderer = LetterPDFRenderer(creationDate: LetterFixtures.fixedCreation)
        let letter = LetterFixtures.formalNotice(LetterFixtures.business, LetterFixtures.manyInvoices(20), .en)
        let reference = try renderer.render(letter)
        let results = try await withThrowingTaskGroup(of: Data.self) { group in
            for _ in 0..<6 { group.addTask { try renderer.render(letter) } }
            return try await group.reduce(into: [Data]()) { $0.append($1) }
        }
        #expect(results.count == 6)
        #expect(results.allSatisfy { $0 == reference })
    }

    @Test func writesToAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("recouvre-write-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: url) }
        try LetterPDFRenderer().write(LetterFixtures.formalNotice(LetterFixtures.consumer, LetterFixtures.consumerInvoices, .fr), to: url)
        let bytes = try Data(contentsOf: url)
        #expect(bytes.starts(with: Array("%PDF-".utf8)))

        let missing = URL(fileURLWithPath: "/nonexistent-directory/letter.pdf")
        #expect(throws: LetterRenderError.self) {
            try LetterPDFRenderer().write(LetterFixtures.formalNotice(LetterFixtures.consumer, LetterFixtures.consumerInvoices, .fr), to: missing)
        }
    }

    @Test func daysAreWrittenPerLanguage() {
        let first = CalendarDay(year: 2026, month: 3, day: 1)
        #expect(LetterDayFormat.long(first, .fr) == "1er mars 2026")
        #expect(LetterDayFormat.long(CalendarDay(year: 2026, month: 8, day: 15), .fr) == "15 août 2026")
        #expect(LetterDayFormat.long(first, .en) == "1 March 2026")
        #expect(LetterDayFormat.short(first, .fr) == "01/03/2026")
        #expect(LetterDayFormat.short(first, .en) == "1 Mar 2026")
    }
}
