import ControlProtocol
import RecouvreImport

/// How bank imports and credits read for people.
extension Describe {
    static func bankImport(_ s: BankImportSummary, statement: BankStatement) -> String {
        let heading = (s.dryRun ? "dry run, nothing kept: " : "")
            + "\(statement.format.rawValue) \(statement.account): \(s.credits.count) credits"
            + (statement.debitsIgnored > 0 ? " (\(statement.debitsIgnored) debits ignored)" : "")
        let totals = "new \(s.new), already imported \(s.alreadyImported), matched → payments \(s.matched), unmatched \(s.unmatched)"
        guard !s.credits.isEmpty else { return heading + "\n" + totals }
        let table = Table(
            headers: ["CREDIT", "BOOKED", "AMOUNT", "STATUS", "PAYS", "CONFIDENCE", "REASON"],
            rows: s.credits.map { c in
                [c.creditId.map(String.init) ?? "-", c.bookedOn, "\(c.amount) \(c.currency)", c.status,
                 c.invoice ?? c.debtor ?? "-", c.confidence.map(String.init) ?? "-", c.reason ?? ""]
            }
        ).rendered
        return [heading, totals, "", table].joined(separator: "\n")
    }

    static func unmatchedCredits(_ credits: [BankCreditInfo]) -> String {
        guard !credits.isEmpty else { return "no unmatched credits" }
        return Table(
            headers: ["ID", "BOOKED", "AMOUNT", "FROM", "REMITTANCE", "SUGGESTION"],
            rows: credits.map { c in
                let from = [c.debtorName, c.debtorIban].compactMap { $0 }.joined(separator: " ")
                let text = [c.creditorRef, c.remittance].compactMap { $0 }.joined(separator: " ")
                let best = c.suggestions.first.map { s in
                    "\(s.invoice ?? s.invoices.joined(separator: "+")) (\(s.debtor)) \(s.confidence)"
                }
                return [String(c.id), c.bookedOn, "\(c.amount) \(c.currency)", from.isEmpty ? "-" : from,
                        text.isEmpty ? "-" : String(text.prefix(40)), best ?? "-"]
            }
        ).rendered
    }
}
