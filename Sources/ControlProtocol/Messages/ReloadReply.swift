/// Reply of `Reload`.
public struct ReloadReply: Codable, Sendable, Equatable {
    /// Settings whose new value is in force, by configuration key.
    public var applied: [String]
    /// Settings that changed but keep their running value until a restart.
    public var needsRestart: [String]

    /// Builds the reply.
    public init(applied: [String], needsRestart: [String]) {
        self.applied = applied
        self.needsRestart = needsRestart
    }
}
