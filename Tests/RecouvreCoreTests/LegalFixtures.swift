import Foundation
import Testing
import RecouvreCore

/// Shorthands for the legal tests: days and amounts written as text, as in the worked examples.
enum LegalFixtures {
    static func day(_ iso: String) throws -> CalendarDay { try #require(CalendarDay(iso: iso)) }

    static func euros(_ text: String) throws -> Money { try #require(Money(parsing: text)) }

    static func decimal(_ text: String) throws -> Decimal {
        try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
    }

    /// An invoice of `amount` euros due on `due`, with payments as (day, amount) pairs.
    static func invoice(_ amount: String, due: String, payments: [(String, String)] = [], reductions: [(String, String)] = [], acknowledgments: [String] = []) throws -> InvoiceLedger {
        try InvoiceLedger(
            invoiceId: 1,
            number: "F-2025-0001",
            dueOn: try day(due),
            amount: try euros(amount),
            payments: try payments.map { LedgerPayment(receivedOn: try day($0.0), amount: try euros($0.1)) },
            reductions: try reductions.map { LedgerReduction(grantedOn: try day($0.0), amount: try euros($0.1)) },
            acknowledgments: try acknowledgments.map(day)
        )
    }

    /// `value` rounded to `places` decimals, to compare unrounded interest with the worked
    /// figures written to a few decimals.
    static func rounded(_ value: Decimal, _ places: Int) -> Decimal {
        var input = value
        var output = Decimal()
        NSDecimalRound(&output, &input, places, .plain)
        return output
    }
}
