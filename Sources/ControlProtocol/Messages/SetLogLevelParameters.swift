/// Parameters of `SetLogLevel`.
public struct SetLogLevelParameters: Codable, Sendable, Equatable {
    /// trace, debug, info, notice, warning, error or critical.
    public var level: String

    /// The levels the daemon knows, most verbose first.
    public static let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Builds the parameters.
    public init(level: String) {
        self.level = level
    }
}
