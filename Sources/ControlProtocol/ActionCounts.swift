/// The varlink type `ActionCounts`: how many of a tenant's actions are in each state.
public struct ActionCounts: Codable, Sendable, Equatable {
    /// Waiting for their due time.
    public var scheduled: Int
    /// Being executed.
    public var running: Int
    /// Delivered.
    public var succeeded: Int
    /// Failed, to be retried.
    public var failed: Int
    /// Cancelled by a person or by the send-time check.
    public var cancelled: Int
    /// Failed for the last time.
    public var dead: Int

    /// Builds counts; states not given are zero.
    public init(scheduled: Int = 0, running: Int = 0, succeeded: Int = 0, failed: Int = 0, cancelled: Int = 0, dead: Int = 0) {
        self.scheduled = scheduled
        self.running = running
        self.succeeded = succeeded
        self.failed = failed
        self.cancelled = cancelled
        self.dead = dead
    }
}
