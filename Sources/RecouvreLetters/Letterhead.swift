/// Who sends a letter, as its letterhead shows it: a creditor or a collection agency.
public struct Letterhead: Sendable, Hashable {
    /// The name or company name.
    public var name: String
    /// The postal address, one line per element (street, postcode and town, country).
    public var addressLines: [String]
    /// The SIREN number, when the sender is a French company.
    public var siren: String?
    /// A telephone number the debtor may call.
    public var phone: String?
    /// An e-mail address the debtor may write to.
    public var email: String?

    /// Creates a letterhead.
    public init(name: String, addressLines: [String], siren: String? = nil, phone: String? = nil, email: String? = nil) {
        self.name = name
        self.addressLines = addressLines
        self.siren = siren
        self.phone = phone
        self.email = email
    }

    /// The address on one line, as a sentence names it: "12 rue de la Paix, 75002 Paris".
    public var addressInline: String { addressLines.joined(separator: ", ") }
}
