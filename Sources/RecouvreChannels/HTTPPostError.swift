/// A webhook or SMS-gateway request that was not delivered.
public struct HTTPPostError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status, when the endpoint answered.
    public let status: Int?
    /// What happened.
    public let message: String
    /// Whether trying again cannot help: a 4xx other than 408 and 429, a redirect, a bad URL.
    public let isPermanent: Bool
    /// How long the endpoint asked to wait (`Retry-After`), when it did.
    public let retryAfter: Duration?
    /// The whole request had been sent when the exchange failed, before an answer: the endpoint
    /// may have acted on it. Retrying with the same `Idempotency-Key` lets it recognise the
    /// duplicate.
    public let outcomeUnknown: Bool
    /// The start of the answer's body, for the operator.
    public let bodyExcerpt: String

    /// Creates an error.
    public init(status: Int?, message: String, isPermanent: Bool, retryAfter: Duration? = nil, outcomeUnknown: Bool = false, bodyExcerpt: String = "") {
        self.status = status
        self.message = message
        self.isPermanent = isPermanent
        self.retryAfter = retryAfter
        self.outcomeUnknown = outcomeUnknown
        self.bodyExcerpt = bodyExcerpt
    }

    public var description: String {
        let kind = isPermanent ? "permanent" : "retry"
        let wait = retryAfter.map { ", retry after \($0.components.seconds) s" } ?? ""
        if let status {
            return "HTTP POST failed (\(kind)\(wait)): status \(status): \(message)"
        }
        return "HTTP POST failed (\(kind)\(wait)): \(message)"
    }
}
