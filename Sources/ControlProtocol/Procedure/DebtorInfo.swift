/// The varlink type `Debtor`: who a case is about.
public struct DebtorInfo: Codable, Sendable, Equatable, EncodesEveryField {
    /// The debtor's id within its tenant.
    public var id: Int
    /// The debtor's reference in the creditor's books (`external_ref`).
    public var ref: String
    public var name: String
    /// `business` or `consumer`.
    public var kind: String
    public var email: String?
    public var phone: String?
    /// The policy chosen for this debtor by an operator, if any.
    public var policy: String?
    /// The zone local times are given in: the debtor's, else the tenant's.
    public var timezone: String

    /// Builds a debtor description.
    public init(id: Int, ref: String, name: String, kind: String, email: String? = nil, phone: String? = nil,
                policy: String? = nil, timezone: String) {
        self.id = id
        self.ref = ref
        self.name = name
        self.kind = kind
        self.email = email
        self.phone = phone
        self.policy = policy
        self.timezone = timezone
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
