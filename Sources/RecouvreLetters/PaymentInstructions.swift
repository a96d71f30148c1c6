/// How to pay by bank transfer.
public struct PaymentInstructions: Sendable, Hashable {
    /// Who the transfer goes to (the account holder).
    public var beneficiary: String
    /// The IBAN, printed in groups of four as given.
    public var iban: String
    /// The BIC of the beneficiary's bank.
    public var bic: String
    /// The text the debtor should put in the transfer so the payment is matched.
    public var paymentReference: String
    /// Other ways to pay, one sentence each (cheque to an address, card on a web page).
    public var otherMeans: [String]

    /// Creates payment instructions.
    public init(beneficiary: String, iban: String, bic: String, paymentReference: String, otherMeans: [String] = []) {
        self.beneficiary = beneficiary
        self.iban = iban
        self.bic = bic
        self.paymentReference = paymentReference
        self.otherMeans = otherMeans
    }
}
