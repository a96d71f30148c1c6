/// Who signs a letter.
public struct LetterSignature: Sendable, Hashable {
    /// The signatory's name.
    public var name: String
    /// The signatory's role, e.g. "Responsable du recouvrement".
    public var role: String?
    /// The organisation signing, printed under the role (usually the sender's name).
    public var organisation: String?

    /// Creates a signature block.
    public init(name: String, role: String? = nil, organisation: String? = nil) {
        self.name = name
        self.role = role
        self.organisation = organisation
    }
}
