/// A webhook or SMS-gateway request the endpoint accepted (a 2xx answer).
public struct HTTPPostReceipt: Sendable, Equatable {
    /// The HTTP status, 200…299.
    public let status: Int
    /// The start of the answer's body (a gateway's message id, typically), at most
    /// `HTTPSPoster.excerptLength` bytes of it.
    public let bodyExcerpt: String

    /// Creates a receipt.
    public init(status: Int, bodyExcerpt: String) {
        self.status = status
        self.bodyExcerpt = bodyExcerpt
    }
}
