import Foundation
import Postgres
import RecouvreChannels
import RecouvreCore
import RecouvreLetters
import RecouvreStore

/// The tenant's letters: the letterhead and its parts, the reminder or formal notice as PDF,
/// and the statement of account an e-mail step attaches.
extension StepDelivery {
    /// The tenant's letterhead, the town its letters are dated from ("75019 Paris" → "Paris")
    /// and who signs them.
    func letterhead(_ channels: TenantChannels) -> (letterhead: Letterhead, place: String, signature: LetterSignature) {
        let address = channels.address?.split(separator: "\n").map(String.init) ?? []
        let head = Letterhead(name: tenant.displayName, addressLines: address, siren: channels.siren, phone: channels.phone,
                              email: tenant.emailFrom ?? configuration.emailFrom)
        let place = address.last.map { line in line.split(separator: " ").drop { $0.allSatisfy(\.isNumber) }.joined(separator: " ") } ?? ""
        return (head, place, LetterSignature(name: channels.signatory ?? tenant.displayName, organisation: tenant.displayName))
    }

    /// The letter to post, as PDF: a formal notice (with the claim) or a reminder letter, on the
    /// tenant's letterhead, addressed for a window envelope, with the payment instructions.
    func letterPDF(_ planned: PlannedWork, action: ClaimedAction, invoices: [InvoiceStanding],
                           statement: [ClaimStatementLine], channels: TenantChannels, context: DebtorContext) throws -> Data {
        let debtor = context.debtor
        let locale = tenant.locale(for: debtor)
        let (letterhead, place, signature) = self.letterhead(channels)
        let recipient = LetterDebtor(name: debtor.name, addressLines: debtor.address, kind: context.situation.debtorKind,
                                     customerReference: debtor.externalRef)
        let payment = paymentInstructions(channels, debtor: debtor)
        let reference = letterReference(action: action, context: context)
        let today = context.calendar.localDay(of: context.now)
        let footer = self.footer(channels)
        let letter: Letter
        if planned.stage >= .formalNotice {
            let claimed = statement.map {
                ClaimedInvoice(number: $0.number, dueOn: $0.dueOn, principal: $0.principal, penalty: $0.penalty,
                               indemnity: $0.indemnity, rates: $0.rates, estimated: $0.ratesCarriedForward)
            }
            letter = FormalNoticeLetter(creditor: letterhead, debtor: recipient, invoices: claimed, date: today, place: place,
                                        locale: locale, reference: reference, payment: payment, signature: signature,
                                        footer: footer).letter
        } else {
            let claimed = invoices.map { ClaimedInvoice(number: $0.number, dueOn: $0.dueOn, principal: $0.outstanding) }
            letter = ReminderLetter(creditor: letterhead, debtor: recipient, invoices: claimed, date: today, place: place,
                                    locale: locale, reference: reference, payment: payment, signature: signature,
                                    footer: footer).letter
        }
        return try LetterPDFRenderer(creationDate: context.now).render(letter)
    }

    /// The debtor's statement of account as a PDF attachment: every invoice with something owed
    /// (not yet due and disputed ones included, marked), on the tenant's letterhead.
    func statementAttachment(action: ClaimedAction, context: DebtorContext, _ c: PostgresConnection) throws -> EmailAttachment {
        let debtor = context.debtor
        let locale = tenant.locale(for: debtor)
        let channels = try TenantChannels.load(c, slug: tenant.slug)
        let (letterhead, place, signature) = self.letterhead(channels)
        let today = context.calendar.localDay(of: context.now)
        let statement = AccountStatement(
            creditor: letterhead,
            debtor: LetterDebtor(name: debtor.name, addressLines: debtor.address, kind: context.situation.debtorKind,
                                 customerReference: debtor.externalRef),
            lines: context.situation.invoices.map {
                StatementLine(number: $0.number, issuedOn: $0.issuedOn, dueOn: $0.dueOn, amount: $0.amount,
                              outstanding: $0.outstanding, disputed: $0.disputed || context.situation.debtorDisputed)
            },
            date: today, place: place, locale: locale, reference: letterReference(action: action, context: context),
            payment: paymentInstructions(channels, debtor: debtor), signature: signature, footer: footer(channels))
        let pdf = try LetterPDFRenderer(creationDate: context.now).render(statement.letter)
        let name = locale == .fr ? "releve-de-compte" : "statement-of-account"
        return EmailAttachment(filename: "\(name)-\(today).pdf", data: Array(pdf))
    }

    /// How to pay the tenant, when its IBAN is set; the debtor's reference identifies the payment.
    func paymentInstructions(_ channels: TenantChannels, debtor: DebtorRecord) -> PaymentInstructions? {
        channels.iban.map {
            PaymentInstructions(beneficiary: tenant.displayName, iban: $0, bic: channels.bic ?? "", paymentReference: debtor.externalRef)
        }
    }

    /// Our reference on a letter or statement: tenant, case and action.
    func letterReference(action: ClaimedAction, context: DebtorContext) -> String {
        "\(tenant.slug.rawValue.uppercased())-\(context.situation.openCase?.id ?? 0)-\(action.id)"
    }

    /// The tenant's legal mentions at the foot of its letters.
    func footer(_ channels: TenantChannels) -> [String] {
        [tenant.displayName + (channels.siren.map { " – SIREN \($0)" } ?? "")]
    }
}
