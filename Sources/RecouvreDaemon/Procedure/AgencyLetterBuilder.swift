import RecouvreCore
import RecouvreLetters
import RecouvreStore

/// The collection agency's letter (CPCE R124-4) of an agency handoff, from the tenant's agency
/// settings and the claim of `claim_statement` on the day of the step.
enum AgencyLetterBuilder {
    /// The options of `recouvrectl tenant channels` still to set before the agency can write:
    /// R124-4 needs its name and address, and how to pay it (its IBAN). Empty when it can.
    static func missing(_ channels: TenantChannels) -> [String] {
        [("--agency-name", channels.agencyName), ("--agency-address", channels.agencyAddress),
         ("--agency-iban", channels.agencyIBAN)].filter { $0.1 == nil }.map(\.0)
    }

    /// The letter, or nil when the tenant has no agency that can write (see `missing`).
    ///
    /// The agency writes from its own town, signs, and is paid on its own account with its
    /// reference for the file, so that it matches what comes in.
    static func letter(channels: TenantChannels, creditor: Letterhead, debtor: LetterDebtor, lines: [ClaimStatementLine],
                       day: CalendarDay, locale: MessageLocale, reference: String) -> AgencyLetter? {
        guard missing(channels).isEmpty, let name = channels.agencyName, let address = channels.agencyAddress,
              let iban = channels.agencyIBAN else { return nil }
        let addressLines = address.split(separator: "\n").map(String.init)
        let agency = Letterhead(name: name, addressLines: addressLines, siren: channels.agencySIREN, phone: channels.agencyPhone,
                                email: channels.agencyEmail)
        let invoices = lines.map {
            ClaimedInvoice(number: $0.number, dueOn: $0.dueOn, principal: $0.principal, penalty: $0.penalty,
                           indemnity: $0.indemnity, rates: $0.rates, estimated: $0.ratesCarriedForward)
        }
        return AgencyLetter(
            agency: agency, creditor: creditor, debtor: debtor, basis: basis(lines, locale), invoices: invoices, date: day,
            place: town(of: addressLines), locale: locale, reference: reference,
            payment: PaymentInstructions(beneficiary: name, iban: iban, bic: channels.agencyBIC ?? "", paymentReference: reference),
            signature: LetterSignature(name: channels.agencySignatory ?? name, organisation: name),
            footer: [name + (channels.agencySIREN.map { " – SIREN \($0)" } ?? "")])
    }

    /// What the debt arises from: the invoices with their dates of issue, "factures n° F-1 du
    /// 3 mars 2026 et F-2 du 7 avril 2026" / "invoices no. F-1 of 3 March 2026 and F-2 of …".
    static func basis(_ lines: [ClaimStatementLine], _ locale: MessageLocale) -> String {
        let fr = locale == .fr
        let each = lines.map { "\($0.number) \(fr ? "du" : "of") \(LetterDayFormat.long($0.issuedOn, locale))" }
        let listed = each.count < 2 ? each.joined()
            : each.dropLast().joined(separator: ", ") + (fr ? " et " : " and ") + each[each.count - 1]
        let noun = fr ? (each.count > 1 ? "factures n°" : "facture n°") : (each.count > 1 ? "invoices no." : "invoice no.")
        return noun + " " + listed
    }

    /// The town of an address's last line: "69009 Lyon" → "Lyon".
    static func town(of addressLines: [String]) -> String {
        addressLines.last.map { line in line.split(separator: " ").drop { $0.allSatisfy(\.isNumber) }.joined(separator: " ") } ?? ""
    }
}
