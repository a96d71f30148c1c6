/// Reply of `GetMetrics`.
public struct GetMetricsReply: Codable, Sendable, Equatable {
    /// The Prometheus text exposition (format 0.0.4).
    public var text: String

    /// Builds the reply.
    public init(text: String) {
        self.text = text
    }
}
