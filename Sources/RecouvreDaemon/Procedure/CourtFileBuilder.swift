import Foundation
import Postgres
import RecouvreCore
import RecouvreStore

/// Gathers a debtor's court-ready file from the database: the claim of `claim_statement`, the
/// parties, the journal as a chronology with its proofs, and the route to court.
struct CourtFileBuilder {
    let tenant: TenantRecord
    let work: WorkStore

    /// The file for `debtor` on `asOf`, for the invoices of the step, with the claim lines it
    /// was made from.
    func build(debtor: DebtorRecord, invoiceIDs: [Int64], asOf: CalendarDay,
               _ c: PostgresConnection) throws -> (file: CourtFile, lines: [ClaimStatementLine]) {
        let wanted = Set(invoiceIDs)
        let lines = try work.claimStatement(c, debtorID: debtor.id, asOf: asOf).filter { wanted.contains($0.invoiceId) }
        let channels = try TenantChannels.load(c, slug: tenant.slug)
        let journal = try work.journal(c, debtorID: debtor.id)
        let kind = DebtorKind(rawValue: debtor.kind) ?? .business
        // Principal and interest, in the claim's currency: the small-claims ceiling counts both.
        let currency = lines.first?.principal.currency ?? "EUR"
        let principalAndInterest = lines.filter { $0.principal.currency == currency }
            .reduce(Decimal(0)) { $0 + $1.principal.amount + $1.penalty.amount }
        let amicable = journal.contains { entry in
            entry.kind == "formal_notice_sent"
                || (entry.kind == "step_executed" && entry.detail.contains("\"delivered\": true"))
        }
        let file = CourtFile(
            asOf: asOf.description,
            creditor: .init(name: tenant.displayName, address: channels.address?.split(separator: "\n").map(String.init) ?? [],
                            siren: channels.siren, reference: nil, kind: nil),
            debtor: .init(name: debtor.name, address: debtor.address, siren: nil, reference: debtor.externalRef, kind: kind),
            claims: lines.map {
                .init(number: $0.number, issuedOn: $0.issuedOn.description, dueOn: $0.dueOn.description,
                      amount: Self.plain($0.amount), principalOutstanding: Self.plain($0.principal), daysLate: $0.daysLate,
                      penalty: Self.plain($0.penalty), indemnity: Self.plain($0.indemnity), total: Self.plain($0.total),
                      prescriptionEndsOn: $0.prescriptionEndsOn.description)
            },
            totals: .init(principal: Self.sums(lines.map(\.principal)), penalties: Self.sums(lines.map(\.penalty)),
                          indemnities: Self.sums(lines.map(\.indemnity)), total: Self.sums(lines.map(\.total))),
            chronology: journal.compactMap(Self.event),
            recommendation: CourtRecommendation.recommend(debtorKind: kind,
                                                          principalAndInterest: Money(amount: principalAndInterest, currency: currency),
                                                          amicableAttempt: amicable))
        return (file, lines)
    }

    /// The journal entries a court reads, with their proof; bookkeeping entries are left out.
    static func event(_ entry: JournalEntry) -> CourtFile.Event? {
        let detail = (try? JSONSerialization.jsonObject(with: Data(entry.detail.utf8))) as? [String: Any] ?? [:]
        func text(_ key: String) -> String? {
            switch detail[key] {
            case let value as String: value
            case let value as NSNumber: value.stringValue
            default: nil
            }
        }
        let at = entry.at.formatted(.iso8601)
        switch entry.kind {
        case "invoice_recorded":
            return .init(at: at, kind: entry.kind, summary: "invoice \(text("number") ?? "") recorded, due \(text("due_on") ?? "")", proof: nil)
        case "step_executed", "courtesy_sent", "instalment_reminder_sent":
            let what = "\(text("template") ?? "step") by \(text("channel") ?? "?")"
            let proof = text("message_id").map { "Message-ID \($0)" + (text("relay_reply").map { ", relay: \($0)" } ?? "") }
                ?? text("letter").map { "letter \($0)" } ?? text("task_id").map { "task \($0)" }
            return .init(at: at, kind: entry.kind, summary: what, proof: proof)
        case "message_accepted":
            return .init(at: at, kind: entry.kind, summary: "message accepted by the relay",
                         proof: "Message-ID \(text("message_id") ?? "?"), relay: \(text("relay_reply") ?? "?")")
        case "formal_notice_sent":
            return .init(at: at, kind: entry.kind, summary: "formal notice given", proof: nil)
        case "payment_received":
            return .init(at: at, kind: entry.kind, summary: "payment of \(text("amount") ?? "") \(text("currency") ?? "") received \(text("received_on") ?? "")",
                         proof: text("reference"))
        case "promise_made", "promise_kept", "promise_broken":
            return .init(at: at, kind: entry.kind,
                         summary: entry.kind.replacingOccurrences(of: "_", with: " ") + (text("promised_on").map { " (by \($0))" } ?? ""),
                         proof: nil)
        case "plan_created", "plan_completed", "plan_broken", "dispute_opened", "dispute_resolved", "call_outcome",
             "reduction_granted", "step_skipped", "step_failed", "case_opened", "case_closed":
            let note = text("reason") ?? text("note") ?? text("resolution")
            return .init(at: at, kind: entry.kind, summary: entry.kind.replacingOccurrences(of: "_", with: " ") + (note.map { ": \($0)" } ?? ""),
                         proof: nil)
        default:
            return nil
        }
    }

    private static func plain(_ money: Money) -> String {
        String(money.plainText.dropLast(money.currency.count + 1))
    }

    private static func sums(_ amounts: [Money]) -> [String] {
        Money.totals(amounts).map(\.plainText)
    }
}
