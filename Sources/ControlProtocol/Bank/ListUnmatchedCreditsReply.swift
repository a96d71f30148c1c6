/// Reply of `ListUnmatchedCredits`.
public struct ListUnmatchedCreditsReply: Codable, Sendable, Equatable {
    public var credits: [BankCreditInfo]
    /// Builds the reply.
    public init(credits: [BankCreditInfo]) { self.credits = credits }
}
