/// The varlink type `Promise`: a debtor's promise to pay by a date.
public struct PromiseInfo: Codable, Sendable, Equatable, EncodesEveryField {
    public var id: Int
    public var amount: String
    public var currency: String
    public var promisedOn: String
    /// Days after `promisedOn` before the promise counts as broken.
    public var graceDays: Int
    /// `open`, `kept`, `broken` or `cancelled`.
    public var state: String
    public var note: String?
    public var madeBy: String
    public var madeAt: String
    public var settledAt: String?

    /// Builds a promise.
    public init(id: Int, amount: String, currency: String, promisedOn: String, graceDays: Int, state: String,
                note: String? = nil, madeBy: String, madeAt: String, settledAt: String? = nil) {
        self.id = id
        self.amount = amount
        self.currency = currency
        self.promisedOn = promisedOn
        self.graceDays = graceDays
        self.state = state
        self.note = note
        self.madeBy = madeBy
        self.madeAt = madeAt
        self.settledAt = settledAt
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }
}
