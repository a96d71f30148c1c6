import ControlProtocol
import Foundation
import RecouvreImport
import RecouvreStore

/// Bank statements: recouvrectl sends the credits it read; each new one is matched against
/// the tenant's open invoices by ``BankMatcher`` and, when confident, recorded as a payment in
/// the same transaction as the statement.
extension ControlService {
    func importBankStatement(_ p: ImportBankStatementParameters, caller: ControlCaller) async throws -> BankImportSummary {
        let credits = try p.statement.credits.enumerated().map { index, credit in
            BankCreditInput(
                entryRef: credit.entryRef,
                amount: try Self.decimal(credit.amount, field: "statement.credits[\(index)].amount"),
                currency: credit.currency, bookedOn: credit.bookedOn, valueOn: credit.valueOn,
                endToEndID: credit.endToEndId, creditorRef: credit.creditorRef, remittance: credit.remittance,
                debtorName: credit.debtorName, debtorIBAN: credit.debtorIban)
        }
        let statement = BankStatementInput(format: p.statement.format, accountIBAN: p.statement.account,
                                           reference: p.statement.reference, credits: credits)
        let result = try await procedureCall(p.tenant) { slug, c in
            try BankStore(slug: slug).importStatement(c, statement, author: caller.name, dryRun: p.dryRun == true,
                                                      decide: Self.decide)
        }
        return BankImportSummary(
            statementId: result.statementID.map { Int($0) }, dryRun: result.dryRun, new: result.newCount,
            alreadyImported: result.alreadyImportedCount, matched: result.matchedCount,
            unmatched: result.unmatchedCount,
            credits: result.outcomes.map { o in
                BankCreditOutcome(status: o.status, creditId: o.creditID.map { Int($0) }, entryRef: o.entryRef,
                                  amount: Self.money(o.amount), currency: o.currency, bookedOn: o.bookedOn,
                                  invoice: o.invoiceNumber, debtor: o.debtorRef, paymentId: o.paymentID.map { Int($0) },
                                  confidence: o.confidence, reason: o.reason)
            })
    }

    func listUnmatchedCredits(tenant: String) async throws -> [BankCreditInfo] {
        try await procedureCall(tenant) { slug, c in try BankStore(slug: slug).unmatchedCredits(c) }.map(Self.info)
    }

    func assignCredit(_ p: AssignCreditParameters, caller: ControlCaller) async throws -> BankCreditInfo {
        Self.info(try await procedureCall(p.tenant) { slug, c in
            try BankStore(slug: slug).assignCredit(c, id: Int64(p.creditId), invoiceNumber: p.invoice, debtorRef: p.debtor,
                                                   author: caller.name)
        })
    }

    func ignoreCredit(_ p: IgnoreCreditParameters, caller: ControlCaller) async throws -> BankCreditInfo {
        Self.info(try await procedureCall(p.tenant) { slug, c in
            try BankStore(slug: slug).ignoreCredit(c, id: Int64(p.creditId), reason: p.reason, author: caller.name)
        })
    }

    /// The matcher's verdict on one credit, in the store's terms.
    @Sendable static func decide(_ credit: BankCreditInput, _ open: [OpenInvoice]) -> CreditDecision {
        let candidates = open.map {
            InvoiceCandidate(number: $0.number, debtorRef: $0.debtorRef, debtorName: $0.debtorName,
                             debtorIBANs: $0.debtorIBANs, outstanding: $0.outstanding, currency: $0.currency)
        }
        let bankCredit = BankCredit(entryReference: credit.entryRef, amount: credit.amount, currency: credit.currency,
                                    bookedOn: credit.bookedOn, valueOn: credit.valueOn, endToEndID: credit.endToEndID,
                                    creditorReference: credit.creditorRef, remittance: credit.remittance,
                                    debtorName: credit.debtorName, debtorIBAN: credit.debtorIBAN)
        let match = BankMatcher().match(bankCredit, candidates: candidates)
        let suggestions = match.suggestions.map {
            CreditSuggestion(invoice: $0.invoice, invoices: $0.invoices, debtor: $0.debtor, confidence: $0.confidence,
                             reason: $0.reason)
        }
        guard let accepted = match.accepted else {
            return CreditDecision(target: nil, confidence: match.suggestions.first?.confidence,
                                  reason: match.unmatchedReason, suggestions: suggestions)
        }
        let target: CreditDecision.Target?
        if let number = accepted.invoice, let invoice = open.first(where: { $0.number == number }) {
            target = .invoice(id: invoice.invoiceID, debtorID: invoice.debtorID)
        } else if let debtor = open.first(where: { $0.debtorRef == accepted.debtor }) {
            target = .debtor(id: debtor.debtorID)
        } else {
            target = nil
        }
        return CreditDecision(target: target, confidence: accepted.confidence, reason: accepted.reason,
                              suggestions: suggestions)
    }

    static func info(_ r: BankCreditRecord) -> BankCreditInfo {
        BankCreditInfo(
            id: Int(r.id), statementId: Int(r.statementID), account: r.accountIBAN, entryRef: r.entryRef,
            amount: money(r.amount), currency: r.currency, bookedOn: r.bookedOn, valueOn: r.valueOn,
            endToEndId: r.endToEndID, creditorRef: r.creditorRef, remittance: r.remittance, debtorName: r.debtorName,
            debtorIban: r.debtorIBAN, state: r.state, paymentId: r.paymentID.map { Int($0) }, invoice: r.invoiceNumber,
            debtor: r.debtorRef, confidence: r.confidence, reason: r.reason,
            suggestions: r.suggestions.map {
                CreditSuggestionInfo(invoice: $0.invoice, invoices: $0.invoices, debtor: $0.debtor,
                                     confidence: $0.confidence, reason: $0.reason)
            })
    }
}
