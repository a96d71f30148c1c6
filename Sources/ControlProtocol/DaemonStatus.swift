/// The varlink type `DaemonStatus`: what the daemon is doing right now.
public struct DaemonStatus: Codable, Sendable, Equatable {
    /// The daemon's version.
    public var version: String
    /// The daemon's process id.
    public var pid: Int
    /// When the daemon started (ISO 8601).
    public var startedAt: String
    /// Seconds since the daemon started.
    public var uptimeSeconds: Int
    /// The daemon reached its database and runs passes.
    public var ready: Bool
    /// The daemon claims no new work: drained by an operator, or shutting down.
    public var draining: Bool
    /// The database in use, without password.
    public var database: String
    /// Worker slots.
    public var workers: Int
    /// Actions being executed now.
    public var inFlight: Int
    /// Tenants registered.
    public var tenantsTotal: Int
    /// Tenants not paused.
    public var tenantsActive: Int
    /// When the scheduler last looked for due work (ISO 8601), if ever.
    public var lastPassAt: String?
    /// The last error met by a pass, if any.
    public var lastError: String?
    /// Draining (see `draining`) and nothing left in flight: no action running, no claim held.
    public var drained: Bool?
    /// The actions being executed now, as `tenant#id`.
    public var inFlightActions: [String]?
    /// The log level and format in force.
    public var logLevel: String?
    public var logFormat: String?
    /// How the last reload of the configuration went; nil when none was asked for.
    public var lastReload: ReloadInfo?

    /// Builds a status.
    public init(
        version: String, pid: Int, startedAt: String, uptimeSeconds: Int, ready: Bool, draining: Bool,
        database: String, workers: Int, inFlight: Int, tenantsTotal: Int, tenantsActive: Int,
        lastPassAt: String? = nil, lastError: String? = nil
    ) {
        self.version = version
        self.pid = pid
        self.startedAt = startedAt
        self.uptimeSeconds = uptimeSeconds
        self.ready = ready
        self.draining = draining
        self.database = database
        self.workers = workers
        self.inFlight = inFlight
        self.tenantsTotal = tenantsTotal
        self.tenantsActive = tenantsActive
        self.lastPassAt = lastPassAt
        self.lastError = lastError
    }

    /// Encodes every field, absent optionals as `null`, so that `--json` output keeps one shape.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(pid, forKey: .pid)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(uptimeSeconds, forKey: .uptimeSeconds)
        try c.encode(ready, forKey: .ready)
        try c.encode(draining, forKey: .draining)
        try c.encode(database, forKey: .database)
        try c.encode(workers, forKey: .workers)
        try c.encode(inFlight, forKey: .inFlight)
        try c.encode(tenantsTotal, forKey: .tenantsTotal)
        try c.encode(tenantsActive, forKey: .tenantsActive)
        try c.encode(lastPassAt, forKey: .lastPassAt)
        try c.encode(lastError, forKey: .lastError)
        try c.encode(drained, forKey: .drained)
        try c.encode(inFlightActions, forKey: .inFlightActions)
        try c.encode(logLevel, forKey: .logLevel)
        try c.encode(logFormat, forKey: .logFormat)
        try c.encode(lastReload, forKey: .lastReload)
    }
}
