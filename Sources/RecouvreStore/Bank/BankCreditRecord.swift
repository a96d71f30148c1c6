import Foundation
import Postgres

/// A bank credit as stored, with the payment it became, if any.
public struct BankCreditRecord: Sendable, Equatable {
    public var id: Int64
    public var statementID: Int64
    public var accountIBAN: String
    public var entryRef: String
    public var amount: Decimal
    public var currency: String
    public var bookedOn: String
    public var valueOn: String?
    public var endToEndID: String?
    public var creditorRef: String?
    public var remittance: String?
    public var debtorName: String?
    public var debtorIBAN: String?
    /// `matched`, `unmatched`, `assigned` or `ignored`.
    public var state: String
    public var paymentID: Int64?
    /// The invoice the payment names, if it names one.
    public var invoiceNumber: String?
    /// The debtor the payment is from.
    public var debtorRef: String?
    public var confidence: Int?
    public var reason: String?
    public var suggestions: [CreditSuggestion]

    static let columns = """
        c.id, c.statement_id, c.account_iban, c.entry_ref, c.amount, c.currency, c.booked_on::text AS booked_on,
        c.value_on::text AS value_on, c.end_to_end_id, c.creditor_ref, c.remittance, c.debtor_name, c.debtor_iban,
        c.state, c.payment_id, i.number AS invoice_number, d.external_ref AS debtor_ref, c.confidence, c.reason,
        c.suggestions
        """

    /// The joins ``columns`` needs, after `FROM bank_credits c`.
    static func joins(_ schema: String) -> String {
        """
        LEFT JOIN \(schema).payments p ON p.id = c.payment_id
        LEFT JOIN \(schema).invoices i ON i.id = p.invoice_id
        LEFT JOIN \(schema).debtors d ON d.id = p.debtor_id
        """
    }

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        statementID = try row.decode(Int64.self, "statement_id")
        accountIBAN = try row.decode(String.self, "account_iban")
        entryRef = try row.decode(String.self, "entry_ref")
        amount = try row.decode(Decimal.self, "amount")
        currency = try row.decode(String.self, "currency")
        bookedOn = try row.decode(String.self, "booked_on")
        valueOn = try row.decodeIfPresent(String.self, "value_on")
        endToEndID = try row.decodeIfPresent(String.self, "end_to_end_id")
        creditorRef = try row.decodeIfPresent(String.self, "creditor_ref")
        remittance = try row.decodeIfPresent(String.self, "remittance")
        debtorName = try row.decodeIfPresent(String.self, "debtor_name")
        debtorIBAN = try row.decodeIfPresent(String.self, "debtor_iban")
        state = try row.decode(String.self, "state")
        paymentID = try row.decodeIfPresent(Int64.self, "payment_id")
        invoiceNumber = try row.decodeIfPresent(String.self, "invoice_number")
        debtorRef = try row.decodeIfPresent(String.self, "debtor_ref")
        confidence = try row.decodeIfPresent(Int.self, "confidence")
        reason = try row.decodeIfPresent(String.self, "reason")
        suggestions = try row.decode(PostgresJSON.self, "suggestions").decode([CreditSuggestion].self)
    }
}
