/// The varlink type `Event`: one entry of a tenant's journal.
public struct EventInfo: Codable, Sendable, Equatable, EncodesEveryField {
    public var id: Int
    public var occurredAt: String
    public var kind: String
    public var invoiceId: Int?
    public var actionId: Int?
    /// Who did it: a user name, `recouvred`, or the database role.
    public var actor: String
    /// Details as JSON text.
    public var detail: String

    /// Builds an event.
    public init(id: Int, occurredAt: String, kind: String, invoiceId: Int? = nil, actionId: Int? = nil, actor: String,
                detail: String) {
        self.id = id
        self.occurredAt = occurredAt
        self.kind = kind
        self.invoiceId = invoiceId
        self.actionId = actionId
        self.actor = actor
        self.detail = detail
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
