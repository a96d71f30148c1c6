/// What a reload changes: the settings applied at once, and those a running daemon cannot take
/// up, which keep their running value until a restart.
///
/// Applied live: log level and format, the default relay and sender, the relay's rate, retries
/// and delivery timeout, the sending calendar, the letter spool, and the scheduler's batch size
/// and poll interval; each pass, action and control request reads the configuration in force.
/// Need a restart: what the daemon built at start from them — its database connections
/// (`database.*`, `scheduler.workers`, `scheduler.connection_lifetime_seconds`), the control
/// socket and who may use it, the work queue's lease, and the workers' SMTP identity and
/// trusted certificates (`smtp.helo_name`, `delivery.ca_file`).
public struct ConfigurationChange: Sendable, Equatable {
    /// The configuration to run with: the new one, with the restart-only settings kept.
    public var effective: DaemonConfiguration
    /// Settings whose new value is in force, by configuration key, sorted.
    public var applied: [String]
    /// Settings that changed but keep their running value until a restart, sorted.
    public var needsRestart: [String]

    /// Compares the running configuration with a newly read one.
    public init(running: DaemonConfiguration, read new: DaemonConfiguration) {
        var effective = new
        var restart: [String] = []
        func keep<Value: Equatable>(_ key: String, _ path: WritableKeyPath<DaemonConfiguration, Value>) {
            if running[keyPath: path] != new[keyPath: path] { restart.append(key) }
            effective[keyPath: path] = running[keyPath: path]
        }
        keep("database.conninfo", \.databaseConninfo)
        keep("database.apply_migrations", \.applyMigrationsAtStart)
        keep("database.startup_attempts", \.startupAttempts)
        keep("database.password_file", \.databasePasswordFile)
        keep("control.socket", \.socketPath)
        keep("control.allowed_uids", \.allowedUIDs)
        keep("control.allowed_gids", \.allowedGIDs)
        keep("scheduler.workers", \.workers)
        keep("scheduler.lease_seconds", \.lease)
        keep("scheduler.connection_lifetime_seconds", \.connectionLifetime)
        keep("smtp.helo_name", \.heloName)
        keep("delivery.ca_file", \.caFile)
        keep("metrics.listen", \.metricsListen)

        var applied: [String] = []
        func live<Value: Equatable>(_ key: String, _ path: KeyPath<DaemonConfiguration, Value>) {
            if running[keyPath: path] != new[keyPath: path] { applied.append(key) }
        }
        live("log.level", \.logLevel)
        live("log.format", \.logFormat)
        live("smtp.url", \.smtpURL)
        live("smtp.from", \.emailFrom)
        live("smtp.messages_per_minute", \.relayMessagesPerMinute)
        live("delivery.max_attempts", \.maxAttempts)
        live("delivery.retry_base_seconds", \.retryBase)
        live("delivery.timeout_seconds", \.deliveryTimeout)
        live("delivery.<channel>_max_attempts", \.channelMaxAttempts)
        live("delivery.<channel>_retry_base_seconds", \.channelRetryBase)
        live("calendar", \.calendar)
        live("letters.spool_directory", \.letterSpool)
        live("scheduler.batch_size", \.batchSize)
        live("scheduler.poll_interval_ms", \.pollInterval)
        self.effective = effective
        self.applied = applied.sorted()
        self.needsRestart = restart.sorted()
    }
}
