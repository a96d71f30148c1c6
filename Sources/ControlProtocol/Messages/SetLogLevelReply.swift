/// Reply of `SetLogLevel`.
public struct SetLogLevelReply: Codable, Sendable, Equatable {
    /// The level now in force.
    public var level: String
    /// The level before the change.
    public var previous: String

    /// Builds the reply.
    public init(level: String, previous: String) {
        self.level = level
        self.previous = previous
    }
}
