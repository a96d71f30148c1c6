/// Reply of `RecordPayment`.
public struct PaymentReply: Codable, Sendable, Equatable {
    /// The payment recorded.
    public var payment: PaymentInfo
    /// Builds the reply.
    public init(payment: PaymentInfo) { self.payment = payment }
}
