import Foundation
import Postgres
import RecouvreCore
import RecouvreLetters
import RecouvreStore

/// What an agency handoff gives the collection agency, beside the collectors' task.
extension StepDelivery {
    /// Stages the agency's letter to the debtor (CPCE R124-4, PDF) with the claim of the day, and
    /// the claim file (JSON, the court-ready file's shape) for the agency's own system; both are
    /// returned to be published after commit. Without an agency that can write, stages nothing
    /// and says why in `detail["agency_letter"]`: the task is open all the same.
    func agencyHandoff(_ planned: PlannedWork, action: ClaimedAction, context: DebtorContext, channels: TenantChannels,
                       creditor: Letterhead, detail: inout [String: any Sendable],
                       _ c: PostgresConnection) throws -> [LetterSpool.StagedLetter] {
        let missing = AgencyLetterBuilder.missing(channels)
        guard missing.isEmpty else {
            let options = missing.map { "\($0) …" }.joined(separator: " ")
            detail["agency_letter"] = missing.count == 3
                ? "not produced: no agency is set; set one with recouvrectl tenant channels \(options)"
                : "not produced: the agency's settings are incomplete; add them with recouvrectl tenant channels \(options)"
            // Names nobody: the tenant and the action say where to look.
            logger.warning("agency handoff without an agency letter: the tenant has no agency name, address and IBAN; set them with recouvrectl tenant channels",
                           metadata: ["tenant": "\(tenant.slug)", "action": "\(action.id)", "missing": "\(missing.joined(separator: ","))"])
            return []
        }
        let debtor = context.debtor
        let locale = tenant.locale(for: debtor)
        let today = context.calendar.localDay(of: context.now)
        // One claim for both files: the figures of claim_statement on the day of the step.
        let (file, lines) = try CourtFileBuilder(tenant: tenant, work: work)
            .build(debtor: debtor, invoiceIDs: planned.invoiceIds, asOf: today, c)
        let reference = "\(tenant.slug.rawValue.uppercased())-\(context.situation.openCase?.id ?? 0)-\(action.id)"
        let recipient = LetterDebtor(name: debtor.name, addressLines: debtor.address, kind: context.situation.debtorKind,
                                     customerReference: debtor.externalRef)
        guard let letter = AgencyLetterBuilder.letter(channels: channels, creditor: creditor, debtor: recipient, lines: lines,
                                                      day: today, locale: locale, reference: reference) else { return [] }
        let spool = LetterSpool(directory: configuration.letterSpool)
        let json = try spool.stage(try file.json(), tenant: tenant.slug, name: "\(action.id)-agency_handoff.json")
        let pdf = try spool.stage(try LetterPDFRenderer(creationDate: context.now).render(letter.letter),
                                  tenant: tenant.slug, name: "\(action.id)-agency_letter.pdf")
        detail["agency_letter_pdf"] = pdf.path
        detail["claim_file"] = json.path
        detail["agency_reference"] = reference
        return [json, pdf]
    }
}
