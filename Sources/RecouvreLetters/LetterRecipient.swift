/// Who a letter is addressed to, as the window of the envelope shows it.
public struct LetterRecipient: Sendable, Hashable {
    /// The name or company name (first line of the address block).
    public var name: String
    /// The postal address, one line per element; at most six lines fit a window envelope.
    public var addressLines: [String]

    /// Creates a recipient.
    public init(name: String, addressLines: [String]) {
        self.name = name
        self.addressLines = addressLines
    }
}
