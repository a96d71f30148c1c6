import Foundation

/// Scores how sure we are that a bank credit pays an open invoice, or several of one debtor's.
///
/// Points per candidate, added and capped at 100 (docs/bank-statements.md has the table):
///
/// | evidence | points |
/// |---|---|
/// | structured reference equals the invoice number, or is an RF reference of it | 60 |
/// | else: invoice number written in the remittance text or end-to-end id | 50 |
/// | amount equals the invoice's outstanding (or, for several named invoices of one debtor, their sum) | 30 |
/// | else: invoice named and amount below its outstanding (part payment) | 20 |
/// | payer's IBAN known for the debtor | 30 |
/// | payer's name like the debtor's (similarity ≥ 0.8 / ≥ 0.5); without a payer's name, the debtor's name in the text | 10 / 5; 10 |
///
/// A suggestion is accepted when it reaches ``threshold`` and the next one is at least
/// ``margin`` points behind; a credit in another currency than the invoice never matches it.
/// Two cases stay below the threshold whatever the points, for a person to decide: a credit
/// above the invoice's outstanding, and several named invoices when the debtor owes others in
/// the currency (the debtor's payment would go to the oldest first).
public struct BankMatcher: Sendable {
    /// The confidence from which a credit becomes a payment.
    public var threshold: Int
    /// How far the runner-up must trail the best for the best to be accepted.
    public var margin: Int
    /// How many suggestions are kept for a person to choose from.
    public static let suggestionLimit = 3

    /// A matcher with the default threshold (90) and margin (10).
    public init(threshold: Int = 90, margin: Int = 10) {
        self.threshold = threshold
        self.margin = margin
    }

    /// Matches one credit against the tenant's open invoices.
    public func match(_ credit: BankCredit, candidates: [InvoiceCandidate]) -> CreditMatch {
        let structured = credit.creditorReference.map { CreditorReference.payload($0) ?? CreditorReference.compact($0) }
        let isRF = credit.creditorReference.map(CreditorReference.isValidRF) ?? false
        let tokens = RemittanceTokens([credit.remittance, credit.endToEndID,
                                       isRF ? nil : credit.creditorReference])
        var scored: [CreditMatch.Suggestion] = []
        var named: [String: [(candidate: InvoiceCandidate, reference: String)]] = [:]
        var otherCurrency: [CreditMatch.Suggestion] = []
        for candidate in candidates where candidate.outstanding > 0 {
            let key = CreditorReference.compact(candidate.number)
            var points = 0
            var reasons: [String] = []
            var isNamed = false
            if let structured, !key.isEmpty, structured == key {
                points += 60
                isNamed = true
                reasons.append(isRF ? "RF reference of \(candidate.number)" : "reference \(candidate.number)")
            } else if tokens.contains(key) {
                points += 50
                isNamed = true
                reasons.append("\(candidate.number) in the remittance text")
            }
            guard candidate.currency == credit.currency else {
                if isNamed {
                    otherCurrency.append(.init(invoice: candidate.number, debtor: candidate.debtorRef, confidence: 0,
                                               reasons: ["names \(candidate.number), but the invoice is in \(candidate.currency), the credit in \(credit.currency)"]))
                }
                continue
            }
            if isNamed { named[candidate.debtorRef, default: []].append((candidate, reasons[0])) }
            if credit.amount == candidate.outstanding {
                points += 30
                reasons.append("amount equals the outstanding")
            } else if isNamed, credit.amount < candidate.outstanding {
                points += 20
                reasons.append("part payment of \(candidate.outstanding) outstanding")
            }
            points += payer(credit, candidate, &reasons)
            // Amount alone says little, but it is worth showing when nothing else is known.
            guard points > 0 else { continue }
            if credit.amount > candidate.outstanding {
                // More than the invoice owes: a payment of the invoice would hide the surplus,
                // which belongs to another invoice or goes back to the payer. A person decides.
                points = min(points, threshold - 1)
                reasons.append("more than its \(candidate.outstanding) outstanding: a person decides")
            }
            scored.append(.init(invoice: candidate.number, debtor: candidate.debtorRef, confidence: min(points, 100),
                                reasons: reasons))
        }
        for (debtor, invoices) in named where invoices.count >= 2 {
            let total = invoices.reduce(Decimal(0)) { $0 + $1.candidate.outstanding }
            guard total == credit.amount else { continue }
            let numbers = invoices.map(\.candidate.number).sorted()
            var reasons = ["\(numbers.joined(separator: ", ")) named", "amount equals their outstanding total"]
            var points = 50 + 30 + payer(credit, invoices[0].candidate, &reasons)
            // The payment is the debtor's, allocated to the oldest open invoices first: it pays
            // exactly the named ones only when they are all the debtor owes in the currency.
            let open = candidates.filter { $0.debtorRef == debtor && $0.currency == credit.currency && $0.outstanding > 0 }
            if open.count > invoices.count {
                points = min(points, threshold - 1)
                reasons.append("the debtor owes other invoices, which would be paid first: a person decides")
            }
            scored.append(.init(invoice: nil, invoices: numbers, debtor: debtor, confidence: min(points, 100), reasons: reasons))
        }
        scored.sort { ($0.confidence, $1.invoice ?? "") > ($1.confidence, $0.invoice ?? "") }
        let suggestions = Array((scored + otherCurrency).prefix(Self.suggestionLimit))
        guard let best = scored.first else {
            return CreditMatch(suggestions: suggestions, accepted: nil,
                               unmatchedReason: otherCurrency.isEmpty ? "no open invoice fits" : otherCurrency[0].reason)
        }
        guard best.confidence >= threshold else {
            return CreditMatch(suggestions: suggestions, accepted: nil,
                               unmatchedReason: "best confidence \(best.confidence) is below \(threshold)")
        }
        if scored.count > 1, scored[1].confidence > best.confidence - margin {
            let other = scored[1].invoice ?? scored[1].invoices.joined(separator: "+")
            return CreditMatch(suggestions: suggestions, accepted: nil,
                               unmatchedReason: "ambiguous: \(other) scores \(scored[1].confidence), \(best.confidence) for the best")
        }
        return CreditMatch(suggestions: suggestions, accepted: best)
    }

    /// Points for what is known of the payer: its IBAN, its name.
    private func payer(_ credit: BankCredit, _ candidate: InvoiceCandidate, _ reasons: inout [String]) -> Int {
        var points = 0
        if let iban = credit.debtorIBAN, candidate.debtorIBANs.contains(iban) {
            points += 30
            reasons.append("payer IBAN known for \(candidate.debtorRef)")
        }
        if let name = credit.debtorName {
            let similarity = NameSimilarity.score(name, candidate.debtorName)
            if similarity >= 0.8 {
                points += 10
                reasons.append("payer name matches \(candidate.debtorName)")
            } else if similarity >= 0.5 {
                points += 5
                reasons.append("payer name like \(candidate.debtorName)")
            }
        } else if let remittance = credit.remittance, NameSimilarity.isWritten(candidate.debtorName, in: remittance) {
            // Without a payer's name (CFONB labels often carry it instead), the debtor's name
            // written in full in the text counts as much.
            points += 10
            reasons.append("\(candidate.debtorName) named in the remittance text")
        }
        return points
    }
}
