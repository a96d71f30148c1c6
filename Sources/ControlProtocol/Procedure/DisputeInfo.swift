/// The varlink type `Dispute`: a disagreement (litige) on an invoice or on the whole debtor.
public struct DisputeInfo: Codable, Sendable, Equatable, EncodesEveryField {
    public var id: Int
    public var debtorId: Int
    /// The disputed invoice's number; nil when the whole debtor is disputed.
    public var invoice: String?
    /// `open` or `resolved`.
    public var state: String
    public var reason: String
    /// `resume` or `cancel` once resolved.
    public var resolution: String?
    public var resolutionNote: String?
    public var openedBy: String
    public var openedAt: String
    public var resolvedBy: String?
    public var resolvedAt: String?

    /// Builds a dispute.
    public init(id: Int, debtorId: Int, invoice: String? = nil, state: String, reason: String, resolution: String? = nil,
                resolutionNote: String? = nil, openedBy: String, openedAt: String, resolvedBy: String? = nil,
                resolvedAt: String? = nil) {
        self.id = id
        self.debtorId = debtorId
        self.invoice = invoice
        self.state = state
        self.reason = reason
        self.resolution = resolution
        self.resolutionNote = resolutionNote
        self.openedBy = openedBy
        self.openedAt = openedAt
        self.resolvedBy = resolvedBy
        self.resolvedAt = resolvedAt
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
