import Foundation

/// Money received on the creditor's account, as one line of a bank statement tells it.
///
/// Dates are calendar days `YYYY-MM-DD` as the bank wrote them; amounts are exact decimals.
public struct BankCredit: Hashable, Sendable {
    /// What makes this credit unique on its account, so that importing a statement twice
    /// records nothing twice: the bank's own reference when it gives one.
    public var entryReference: String
    /// Positive.
    public var amount: Decimal
    /// ISO 4217.
    public var currency: String
    /// The day the bank booked it.
    public var bookedOn: String
    /// The value day, when the statement gives one.
    public var valueOn: String?
    /// The payer's end-to-end identification, when given (never `NOTPROVIDED`).
    public var endToEndID: String?
    /// The structured creditor reference (an invoice number or an ISO 11649 `RF…` reference).
    public var creditorReference: String?
    /// The free remittance text, lines joined by spaces.
    public var remittance: String?
    /// The payer's name.
    public var debtorName: String?
    /// The payer's IBAN, without spaces.
    public var debtorIBAN: String?
    /// The 1-based line of the file where the credit starts.
    public var line: Int

    /// Builds a credit.
    public init(entryReference: String, amount: Decimal, currency: String, bookedOn: String, valueOn: String? = nil,
                endToEndID: String? = nil, creditorReference: String? = nil, remittance: String? = nil,
                debtorName: String? = nil, debtorIBAN: String? = nil, line: Int = 0) {
        self.entryReference = entryReference
        self.amount = amount
        self.currency = currency
        self.bookedOn = bookedOn
        self.valueOn = valueOn
        self.endToEndID = endToEndID
        self.creditorReference = creditorReference
        self.remittance = remittance
        self.debtorName = debtorName
        self.debtorIBAN = debtorIBAN
        self.line = line
    }
}
