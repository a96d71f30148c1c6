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

    /// The IBAN in its print format (ISO 13616): groups of four characters, as bank statements
    /// and payment forms show it, whatever spacing it was stored with.
    public var printedIBAN: String {
        let compact = iban.filter { !$0.isWhitespace }.uppercased()
        var groups: [String] = []
        var rest = Substring(compact)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(4)))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }
}
