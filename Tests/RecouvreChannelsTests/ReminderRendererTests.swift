import Foundation
import Testing
import RecouvreCore
@testable import RecouvreChannels

@Suite struct ReminderRendererTests {
    static func invoices() throws -> [InvoiceStanding] {
        [
            InvoiceStanding(
                invoiceId: 1, number: "F-2026-0042",
                issuedOn: try #require(CalendarDay(iso: "2025-12-16")), dueOn: try #require(CalendarDay(iso: "2026-01-15")),
                amount: try #require(Money(parsing: "1234.56")), outstanding: try #require(Money(parsing: "1034.56"))),
            InvoiceStanding(
                invoiceId: 2, number: "F-2026-0051",
                issuedOn: try #require(CalendarDay(iso: "2026-01-02")), dueOn: try #require(CalendarDay(iso: "2026-02-01")),
                amount: try #require(Money(parsing: "80.10")), outstanding: try #require(Money(parsing: "80.10"))),
        ]
    }

    static func model(_ locale: MessageLocale, step: Int = 1, invoices: [InvoiceStanding]? = nil, replyTo: String? = "compta@atelier-durand.fr") throws -> ReminderModel {
        ReminderModel(
            creditorName: "Atelier Durand & Fils", debtorName: "Boulangerie <Martin>", locale: locale, step: step,
            invoices: try invoices ?? Self.invoices(), asOf: try #require(CalendarDay(iso: "2026-02-09")), replyTo: replyTo)
    }

    @Test func loadsTheBundledTemplates() throws {
        let renderer = try ReminderRenderer()
        for locale in MessageLocale.allCases {
            #expect(renderer.templateNames(for: locale)
                    == ["courtesy", "formal_notice", "instalment_after", "instalment_before", "reminder1", "reminder2"])
        }
    }

    @Test func frenchFirstReminder() throws {
        let content = try ReminderRenderer().render(template: "reminder1", model: try Self.model(.fr))
        #expect(content.subject == "Rappel : 2 factures arrivées à échéance – Atelier Durand & Fils")
        let body = content.textBody
        #expect(body.hasPrefix("Madame, Monsieur,\n\n"))
        #expect(body.contains("- Facture n° F-2026-0042 du 16/12/2025, échue le 15/01/2026 (25 jours de retard)\n  Montant : 1\u{202F}234,56\u{00A0}€ – reste dû : 1\u{202F}034,56\u{00A0}€\n"))
        #expect(body.contains("- Facture n° F-2026-0051 du 02/01/2026, échue le 01/02/2026 (8 jours de retard)\n  Montant : 80,10\u{00A0}€ – reste dû : 80,10\u{00A0}€\n"))
        #expect(body.contains("Total restant dû au 09/02/2026 : 1\u{202F}114,66\u{00A0}€"))
        #expect(body.contains("adressées à Boulangerie <Martin>"))
        #expect(body.contains("répondre à ce message ou d'écrire à compta@atelier-durand.fr"))
        #expect(body.contains("salutations distinguées.\n\nAtelier Durand & Fils\n"))
        #expect(body.hasSuffix("Atelier Durand & Fils\n"))
        #expect(!body.contains("{{") && !body.contains("&amp;") && !body.contains("&lt;"))
        #expect(!body.contains("CONTENT_TYPE"))
    }

    @Test func frenchSecondReminderForOneInvoice() throws {
        let one = try Array(Self.invoices().prefix(1))
        let content = try ReminderRenderer().render(template: "reminder2", model: try Self.model(.fr, step: 2, invoices: one, replyTo: nil))
        #expect(content.subject == "Second rappel : facture F-2026-0042 toujours impayée – Atelier Durand & Fils")
        #expect(content.textBody.contains("Malgré notre précédent rappel"))
        #expect(content.textBody.contains("la facture suivante, adressée à Boulangerie <Martin>, reste impayée"))
        #expect(content.textBody.contains("sous huit jours"))
        #expect(content.textBody.contains("Total restant dû au 09/02/2026 : 1\u{202F}034,56\u{00A0}€"))
        #expect(content.textBody.contains("en répondant à ce message, afin"))
        #expect(!content.textBody.contains("en écrivant à"))
    }

    @Test func englishReminders() throws {
        let renderer = try ReminderRenderer()
        let first = try renderer.render(template: "reminder1", model: try Self.model(.en))
        #expect(first.subject == "Reminder: 2 invoices are now due – Atelier Durand & Fils")
        #expect(first.textBody.hasPrefix("Dear Sir or Madam,\n\n"))
        #expect(first.textBody.contains("- Invoice F-2026-0042 dated 16 December 2025, due on 15 January 2026 (25 days overdue)\n  Amount: €1,234.56 – outstanding: €1,034.56\n"))
        #expect(first.textBody.contains("- Invoice F-2026-0051 dated 2 January 2026, due on 1 February 2026"))
        #expect(first.textBody.contains("Total outstanding as of 9 February 2026: €1,114.66"))
        #expect(first.textBody.contains("or write to compta@atelier-durand.fr"))
        #expect(first.textBody.hasSuffix("Yours faithfully,\n\nAtelier Durand & Fils\n"))
        let second = try renderer.render(template: "reminder2", model: try Self.model(.en, step: 2))
        #expect(second.subject == "Second reminder: 2 invoices remain unpaid – Atelier Durand & Fils")
        #expect(second.textBody.contains("Despite our previous reminder"))
        #expect(second.textBody.contains("within eight days"))
        #expect(second.textBody.contains("Total outstanding as of 9 February 2026: €1,114.66"))
    }

    static func claim(consumer: Bool) throws -> [ClaimFigures] {
        // F-2026-0042: 1 034,56 € outstanding 25 days at 12,15 % (ECB 2,15 + 10, H1 2026):
        // 1 034,56 × 12,15 % × 25 / 365 = 8,61 €; plus 40 € for a business debtor.
        let indemnity = consumer ? Money.zero() : Money(amount: 40)
        let penalty = try #require(Money(parsing: consumer ? "0.00" : "8.61"))
        let total = try #require(Money(parsing: consumer ? "1034.56" : "1083.17"))
        return [ClaimFigures(number: "F-2026-0042", dueOn: try #require(CalendarDay(iso: "2026-01-15")), daysLate: 25,
                             principal: try #require(Money(parsing: "1034.56")), penalty: penalty, indemnity: indemnity, total: total,
                             rates: consumer ? [] : [Decimal(string: "12.15")!], estimated: !consumer)]
    }

    @Test func aFormalNoticeStatesTheClaimFiguresOfABusinessDebtor() throws {
        let one = try Array(Self.invoices().prefix(1))
        let model = ReminderModel(creditorName: "Atelier Durand & Fils", debtorName: "Boulangerie Martin", locale: .fr, step: 5,
                                  invoices: one, asOf: try #require(CalendarDay(iso: "2026-02-09")), replyTo: nil,
                                  claim: try Self.claim(consumer: false))
        let content = try ReminderRenderer().render(template: "formal_notice", model: model)
        #expect(content.subject == "Mise en demeure de payer – Atelier Durand & Fils")
        let body = content.textBody
        #expect(body.hasPrefix("Lettre recommandée avec demande d'avis de réception\n"))
        #expect(body.contains("- Facture n° F-2026-0042, échue le 15/01/2026 (25 jours de retard)"))
        #expect(body.contains("Principal restant dû : 1\u{202F}034,56\u{00A0}€"))
        #expect(body.contains("Pénalités de retard (taux annuel 12,15\u{00A0}%) : 8,61\u{00A0}€"), "\(body)")
        #expect(body.contains("Le taux du semestre en cours n'étant pas encore publié"), "an estimate says so")
        #expect(body.contains("indemnisation complémentaire pourra être demandée sur justification"))
        #expect(body.contains("Indemnité forfaitaire pour frais de recouvrement : 40,00\u{00A0}€"))
        #expect(body.contains("Total dû : 1\u{202F}083,17\u{00A0}€"))
        #expect(body.contains("article L441-10 du code de commerce"))
        #expect(body.contains("articles L441-10 et D441-5"))
        #expect(body.contains("dans un délai de huit jours"))
        #expect(!body.contains("taux légal"))
    }

    @Test func aConsumerFormalNoticeSpeaksOfLegalInterestAndNoIndemnity() throws {
        let one = try Array(Self.invoices().prefix(1))
        let model = ReminderModel(creditorName: "Atelier Durand & Fils", debtorName: "Jean Martin", locale: .fr, step: 5,
                                  invoices: one, asOf: try #require(CalendarDay(iso: "2026-02-09")), replyTo: nil,
                                  claim: try Self.claim(consumer: true), consumer: true)
        let body = try ReminderRenderer().render(template: "formal_notice", model: model).textBody
        #expect(body.contains("Intérêts au taux légal : 0,00\u{00A0}€"))
        #expect(body.contains("articles 1231-6 et 1344-1 du code civil"))
        #expect(!body.contains("Indemnité"))
        #expect(!body.contains("L441-10"))
        #expect(!body.contains("à votre charge"), "collection costs stay with the creditor (CPCE L111-8)")
        #expect(!body.contains("n'étant pas encore publié"))
        let english = try ReminderRenderer().render(template: "formal_notice", model: ReminderModel(
            creditorName: "Atelier Durand & Fils", debtorName: "Jean Martin", locale: .en, step: 5, invoices: one,
            asOf: try #require(CalendarDay(iso: "2026-02-09")), replyTo: nil, claim: try Self.claim(consumer: true), consumer: true))
        #expect(english.textBody.contains("Interest at the legal rate: €0.00"))
        #expect(!english.textBody.contains("indemnity"))
    }

    @Test func courtesyAndInstalmentReminders() throws {
        let renderer = try ReminderRenderer()
        let courtesy = try renderer.render(template: "courtesy", model: try Self.model(.fr, invoices: try Array(Self.invoices().suffix(1))))
        #expect(courtesy.subject == "Échéance prochaine : facture F-2026-0051 – Atelier Durand & Fils")
        #expect(courtesy.textBody.contains("à régler au plus tard le 01/02/2026"))
        let instalment = InstalmentDetails(number: 2, count: 3, dueOn: try #require(CalendarDay(iso: "2026-03-05")),
                                           amount: try #require(Money(parsing: "250.00")))
        let model = ReminderModel(creditorName: "Atelier Durand & Fils", debtorName: "Boulangerie Martin", locale: .fr, step: 2,
                                  invoices: try Self.invoices(), asOf: try #require(CalendarDay(iso: "2026-03-02")), replyTo: nil,
                                  instalment: instalment)
        let before = try renderer.render(template: "instalment_before", model: model)
        #expect(before.subject == "Échéancier : échéance 2/3 du 05/03/2026 – Atelier Durand & Fils")
        #expect(before.textBody.contains("l'échéance n° 2 sur 3, d'un montant de 250,00\u{00A0}€, est à régler au plus tard le 05/03/2026"))
        let after = try renderer.render(template: "instalment_after", model: model)
        #expect(after.subject == "Échéancier : échéance 2/3 non reçue – Atelier Durand & Fils")
        #expect(after.textBody.contains("l'échéancier prendra fin"))
    }

    @Test func totalsPerCurrency() throws {
        var invoices = try Self.invoices()
        invoices.append(InvoiceStanding(
            invoiceId: 3, number: "US-7", issuedOn: invoices[0].issuedOn, dueOn: invoices[0].dueOn,
            amount: Money(minorUnits: 30_000, currency: "USD"), outstanding: Money(minorUnits: 30_000, currency: "USD")))
        let model = try Self.model(.fr, invoices: invoices)
        #expect(model.formattedTotal == "1\u{202F}114,66\u{00A0}€ et 300,00\u{00A0}USD")
    }

    @Test func unknownTemplateIsAClearError() throws {
        let renderer = try ReminderRenderer()
        do {
            _ = try renderer.render(template: "mise_en_demeure", model: try Self.model(.fr))
            Issue.record("rendering an unknown template succeeded")
        } catch let error as ReminderTemplateError {
            #expect(error.description.contains("no reminder template \"mise_en_demeure\" for locale fr"))
            #expect(error.description.contains("reminder1, reminder2"))
        }
    }

    @Test func templatesFromADirectory() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("recouvre-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("en")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "{{% CONTENT_TYPE: TEXT}}\nHi {{debtorName}}\n".write(to: folder.appendingPathComponent("hello.subject.mustache"), atomically: true, encoding: .utf8)
        try "{{% CONTENT_TYPE: TEXT}}\n{{#invoices}}{{number}};{{/invoices}}\n".write(to: folder.appendingPathComponent("hello.txt.mustache"), atomically: true, encoding: .utf8)
        let content = try ReminderRenderer(directory: root).render(template: "hello", model: try Self.model(.en))
        #expect(content == ReminderContent(subject: "Hi Boulangerie <Martin>", textBody: "F-2026-0042;F-2026-0051;\n"))
        try "{{#broken}".write(to: folder.appendingPathComponent("bad.subject.mustache"), atomically: true, encoding: .utf8)
        #expect(throws: ReminderTemplateError.self) { try ReminderRenderer(directory: root) }
    }
}
