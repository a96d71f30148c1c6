/// Where the daemon's configuration comes from: the file given with `--config` (if any), the
/// `RECOUVRE_*` variables, and the `--database` and `--socket` flags. A reload reads them
/// again in the same order, so that a flag still wins over the file it overrode at start.
public struct ConfigurationSource: Sendable, Equatable {
    /// The configuration file, or nil when the daemon runs on defaults and the environment.
    public var path: String?
    public var environment: [String: String]
    /// `--database`, when given.
    public var databaseOverride: String?
    /// `--socket`, when given.
    public var socketOverride: String?

    public init(path: String?, environment: [String: String], databaseOverride: String? = nil, socketOverride: String? = nil) {
        self.path = path
        self.environment = environment
        self.databaseOverride = databaseOverride
        self.socketOverride = socketOverride
    }

    /// Reads the configuration; throws the loader's error, which names the file and line. The
    /// database password file is read last, after the flags, so that it applies to any conninfo,
    /// and again at each reload, so that an unchanged password reads as an unchanged conninfo.
    public func load() throws(ConfigurationError) -> DaemonConfiguration {
        var configuration = try DaemonConfiguration.load(path: path, environment: environment)
        if let databaseOverride { configuration.databaseConninfo = databaseOverride }
        if let socketOverride { configuration.socketPath = socketOverride }
        return try configuration.resolvingDatabasePassword(environment: environment)
    }
}
