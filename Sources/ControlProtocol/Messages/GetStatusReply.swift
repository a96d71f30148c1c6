/// Reply of `GetStatus`.
public struct GetStatusReply: Codable, Sendable, Equatable {
    /// The daemon's status.
    public var status: DaemonStatus

    /// Builds the reply.
    public init(status: DaemonStatus) {
        self.status = status
    }
}
