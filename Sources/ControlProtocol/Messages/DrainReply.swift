/// Reply of `Drain` and `Undrain`.
public struct DrainReply: Codable, Sendable, Equatable {
    /// Whether the daemon claims no new work.
    public var draining: Bool
    /// Actions being executed now.
    public var inFlight: Int
    /// Draining, and nothing left in flight: no action running, no claim held.
    public var drained: Bool

    /// Builds the reply.
    public init(draining: Bool, inFlight: Int, drained: Bool) {
        self.draining = draining
        self.inFlight = inFlight
        self.drained = drained
    }
}
