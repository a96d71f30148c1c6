import Foundation
import RecouvreCore

/// What a reminder template sees.
///
/// Values reach the template already formatted for the message's locale, so templates hold only
/// wording. Keys: `creditorName`, `debtorName`, `step`, `asOf`, `replyTo` (absent when nil),
/// `single` (one invoice), `count`, `total`, and `invoices`, each with `number`, `issuedOn`,
/// `dueOn`, `amount`, `outstanding`, `daysOverdue`, `disputed`; for a formal notice `claim` (with
/// `lines`: `number`, `dueOn`, `daysLate`, `principal`, `penalty`, `indemnity`, `total`; and
/// `principal`, `penalty`, `indemnity`, `total` summed, `hasIndemnity`, `consumer`), and for a
/// plan reminder `instalment` (`number`, `count`, `dueOn`, `amount`).
public struct ReminderModel: Sendable {
    /// Who is owed (signs the message).
    public let creditorName: String
    /// Who owes.
    public let debtorName: String
    /// The language of the message.
    public let locale: MessageLocale
    /// The policy step (1-based).
    public let step: Int
    /// The overdue invoices the message is about.
    public let invoices: [InvoiceStanding]
    /// The day the balances were read.
    public let asOf: CalendarDay
    /// An address the debtor may write to, when it differs from the sender.
    public let replyTo: String?
    /// What the law adds, per invoice (formal notice and later stages).
    public let claim: [ClaimFigures]?
    /// Whether the debtor is a consumer (the notice then speaks of legal interest, no indemnity).
    public let consumer: Bool
    /// The instalment a plan reminder is about.
    public let instalment: InstalmentDetails?
    /// Invoices of the list covered by an open dispute.
    public let disputedInvoiceIds: Set<Int64>

    /// Creates a model.
    public init(creditorName: String, debtorName: String, locale: MessageLocale, step: Int, invoices: [InvoiceStanding],
                asOf: CalendarDay, replyTo: String?, claim: [ClaimFigures]? = nil, consumer: Bool = false,
                instalment: InstalmentDetails? = nil, disputedInvoiceIds: Set<Int64> = []) {
        self.creditorName = creditorName
        self.debtorName = debtorName
        self.locale = locale
        self.step = step
        self.invoices = invoices
        self.asOf = asOf
        self.replyTo = replyTo
        self.claim = claim
        self.consumer = consumer
        self.instalment = instalment
        self.disputedInvoiceIds = disputedInvoiceIds
    }

    /// The outstanding total per currency, in the order currencies first appear.
    public var totals: [Money] { Money.totals(invoices.map(\.outstanding)) }

    /// The total written out; several currencies are joined ("1 200,00 € et 300,00 USD").
    public var formattedTotal: String {
        let parts = totals.map { $0.formatted(locale) }
        if parts.isEmpty { return Money.zero().formatted(locale) }
        let conjunction = locale == .fr ? " et " : " and "
        return parts.joined(separator: conjunction)
    }

    /// The values handed to Mustache.
    var templateContext: [String: Any] {
        var context: [String: Any] = [
            "creditorName": creditorName,
            "debtorName": debtorName,
            "step": step,
            "asOf": LetterDate.formatted(asOf, locale),
            "single": invoices.count == 1,
            "count": invoices.count,
            "total": formattedTotal,
            "invoices": invoices.map { invoice -> [String: Any] in
                [
                    "number": invoice.number,
                    "issuedOn": LetterDate.formatted(invoice.issuedOn, locale),
                    "dueOn": LetterDate.formatted(invoice.dueOn, locale),
                    "amount": invoice.amount.formatted(locale),
                    "outstanding": invoice.outstanding.formatted(locale),
                    "daysOverdue": max(0, invoice.dueOn.days(to: asOf)),
                    "disputed": disputedInvoiceIds.contains(invoice.invoiceId),
                ]
            },
        ]
        if let replyTo, !replyTo.isEmpty { context["replyTo"] = replyTo }
        if let claim { context["claim"] = claimContext(claim) }
        if let instalment {
            context["instalment"] = [
                "number": instalment.number, "count": instalment.count,
                "dueOn": LetterDate.formatted(instalment.dueOn, locale), "amount": instalment.amount.formatted(locale),
            ] as [String: Any]
        }
        return context
    }

    private func claimContext(_ lines: [ClaimFigures]) -> [String: Any] {
        func sum(_ pick: (ClaimFigures) -> Money) -> String {
            let parts = Money.totals(lines.map(pick)).map { $0.formatted(locale) }
            return parts.isEmpty ? Money.zero().formatted(locale) : parts.joined(separator: locale == .fr ? " et " : " and ")
        }
        return [
            "lines": lines.map { line -> [String: Any] in
                [
                    "number": line.number, "dueOn": LetterDate.formatted(line.dueOn, locale), "daysLate": line.daysLate,
                    "principal": line.principal.formatted(locale), "penalty": line.penalty.formatted(locale),
                    "indemnity": line.indemnity.formatted(locale), "total": line.total.formatted(locale),
                    "rates": Self.rateText(line.rates, locale), "hasRates": !line.rates.isEmpty,
                ]
            },
            "principal": sum(\.principal),
            "penalty": sum(\.penalty),
            "indemnity": sum(\.indemnity),
            "total": sum(\.total),
            "hasIndemnity": lines.contains { $0.indemnity.isPositive },
            "consumer": consumer,
            "estimated": lines.contains(where: \.estimated),
        ]
    }

    /// "12,15 %" or "12,15 % puis 10,15 %" (French); "12.15%" or "12.15% then 10.15%" (English).
    static func rateText(_ rates: [Decimal], _ locale: MessageLocale) -> String {
        rates.map { rate -> String in
            var value = rate
            var rounded = Decimal()
            NSDecimalRound(&rounded, &value, 2, .plain)
            let text = "\(rounded)"
            return locale == .fr ? text.replacingOccurrences(of: ".", with: ",") + "\u{00A0}%" : text + "%"
        }
        .joined(separator: locale == .fr ? " puis " : " then ")
    }
}
