import Foundation

/// A bank statement to record, as read from the bank's file.
public struct BankStatementInput: Sendable, Equatable {
    /// `camt.053`, `camt.054` or `cfonb120`.
    public var format: String
    /// The creditor's account IBAN.
    public var accountIBAN: String
    /// The statement's own identification.
    public var reference: String
    /// Its credits, in file order.
    public var credits: [BankCreditInput]

    /// Builds a statement.
    public init(format: String, accountIBAN: String, reference: String, credits: [BankCreditInput]) {
        self.format = format
        self.accountIBAN = accountIBAN
        self.reference = reference
        self.credits = credits
    }
}

/// One credit of a statement. Days are `YYYY-MM-DD`.
public struct BankCreditInput: Sendable, Equatable {
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

    /// Builds a credit.
    public init(entryRef: String, amount: Decimal, currency: String, bookedOn: String, valueOn: String? = nil,
                endToEndID: String? = nil, creditorRef: String? = nil, remittance: String? = nil,
                debtorName: String? = nil, debtorIBAN: String? = nil) {
        self.entryRef = entryRef
        self.amount = amount
        self.currency = currency
        self.bookedOn = bookedOn
        self.valueOn = valueOn
        self.endToEndID = endToEndID
        self.creditorRef = creditorRef
        self.remittance = remittance
        self.debtorName = debtorName
        self.debtorIBAN = debtorIBAN
    }
}
