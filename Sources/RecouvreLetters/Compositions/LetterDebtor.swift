import RecouvreCore

/// The debtor a composed letter is addressed to.
public struct LetterDebtor: Sendable, Hashable {
    /// The name or company name.
    public var name: String
    /// The postal address, one line per element.
    public var addressLines: [String]
    /// A professional or a consumer: the law, and so the letter, differs.
    public var kind: DebtorKind
    /// The creditor's reference for this customer, repeated on the letter.
    public var customerReference: String?

    /// Creates a debtor.
    public init(name: String, addressLines: [String], kind: DebtorKind, customerReference: String? = nil) {
        self.name = name
        self.addressLines = addressLines
        self.kind = kind
        self.customerReference = customerReference
    }

    /// The debtor as the address block shows it.
    public var recipient: LetterRecipient { LetterRecipient(name: name, addressLines: addressLines) }
}
