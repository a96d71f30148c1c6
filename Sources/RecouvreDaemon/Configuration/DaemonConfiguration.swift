import Foundation
import RecouvreChannels
import RecouvreCore

/// Everything `recouvred` can be configured with. Defaults suit a packaged install; the file
/// (`--config`), then `RECOUVRE_*` variables, then command-line flags override them.
public struct DaemonConfiguration: Sendable, Equatable {
    /// libpq conninfo or URL; empty means the standard `PG*` variables.
    public var databaseConninfo = ""
    /// Apply pending operator-schema migrations at start.
    public var applyMigrationsAtStart = true
    /// Connection attempts at start (with backoff up to 5 s apart) before giving up, so that
    /// a daemon started just before its database waits for it.
    public var startupAttempts = 30
    /// Path of the control socket.
    public var socketPath = "/run/recouvre/control.sock"
    /// Uids allowed on the control socket besides the daemon's own and root.
    public var allowedUIDs: [UInt32] = []
    /// Gids whose members may use the control socket (e.g. an `recouvre-ops` group).
    public var allowedGIDs: [UInt32] = []
    /// How often an idle daemon looks for due work, when no notification woke it sooner.
    public var pollInterval: Duration = .seconds(1)
    /// Database connections executing actions in parallel.
    public var workers = 4
    /// Actions claimed at once from one tenant.
    public var batchSize = 20
    /// How long a claim holds before another daemon may take the action over.
    public var lease: Duration = .seconds(300)
    /// How long the scheduler's and workers' database connections live before being replaced,
    /// so that no server backend accumulates the caches of every tenant schema it touched.
    public var connectionLifetime: Duration = .seconds(900)
    /// The operator's default SMTP relay, for tenants without their own.
    public var smtpURL = "smtp://127.0.0.1:25"
    /// Certificates trusted for SMTP relays and HTTPS endpoints instead of the system's store
    /// (a PEM file); nil for the system's.
    public var caFile: String?
    /// The longest one delivery may take (an SMTP send, an HTTPS post) before it counts as a
    /// failed attempt: a relay or endpoint that hangs never holds a worker.
    public var deliveryTimeout: Duration = .seconds(20)
    /// Messages per minute through one relay, all daemons together; 0 for no limit.
    public var relayMessagesPerMinute = 0
    /// The operator's default sender, for tenants without their own.
    public var emailFrom = "recouvrement@localhost.localdomain"
    /// Name given in EHLO.
    public var heloName = ProcessInfo.processInfo.hostName
    /// Attempts before a failing delivery is declared dead.
    public var maxAttempts = 6
    /// First retry delay; later ones double, with jitter, up to an hour.
    public var retryBase: Duration = .seconds(30)
    /// Per channel (`email`, `sms`, `webhook`, `letter`, `task`): attempts and first retry delay
    /// when they differ from `maxAttempts` and `retryBase`.
    public var channelMaxAttempts: [String: Int] = [:]
    public var channelRetryBase: [String: Duration] = [:]

    /// The retry policy of a channel's deliveries.
    public func retryPolicy(for channel: String) -> RetryPolicy {
        RetryPolicy(base: channelRetryBase[channel] ?? retryBase, maxAttempts: channelMaxAttempts[channel] ?? maxAttempts)
    }

    /// The channels whose retries may be set on their own.
    static let retryChannels = ["email", "sms", "webhook", "letter", "task"]

    /// Log level: trace, debug, info, notice, warning, error, critical.
    public var logLevel = "info"
    /// When messages may go out.
    public var calendar = CalendarSettings()
    /// Where letters are written for the operator to print and post, one folder per tenant.
    public var letterSpool = "/var/lib/recouvre/letters"
    /// The loopback address of the Prometheus metrics listener; nil for none (`recouvrectl
    /// metrics` works either way).
    var metricsListen: MetricsAddress?
    /// How log records are written: `logfmt` or `json`, one line each on stderr.
    public var logFormat = LogFormat.logfmt
    /// A file holding the database password (absolute path); empty: systemd's credential
    /// `$CREDENTIALS_DIRECTORY/db-password` when present, else none (see `DatabasePassword`).
    public var databasePasswordFile = ""

    public init() {}

    /// Keys a configuration file may hold.
    static let knownKeys: Set<String> = [
        "database.conninfo", "database.apply_migrations", "database.startup_attempts",
        "control.socket", "control.allowed_uids", "control.allowed_gids",
        "scheduler.poll_interval_ms", "scheduler.workers", "scheduler.batch_size", "scheduler.lease_seconds", "scheduler.connection_lifetime_seconds",
        "smtp.url", "smtp.from", "smtp.helo_name", "smtp.messages_per_minute", "delivery.ca_file",
        "delivery.max_attempts", "delivery.retry_base_seconds", "delivery.timeout_seconds",
        "delivery.email_max_attempts", "delivery.sms_max_attempts", "delivery.webhook_max_attempts", "delivery.letter_max_attempts",
        "delivery.task_max_attempts", "delivery.email_retry_base_seconds", "delivery.sms_retry_base_seconds",
        "delivery.webhook_retry_base_seconds", "delivery.letter_retry_base_seconds", "delivery.task_retry_base_seconds",
        "log.level",
        "calendar.send_window", "calendar.send_days", "calendar.public_holidays", "calendar.alsace_moselle",
        "calendar.minimum_spacing_hours", "calendar.letter_window", "calendar.letter_days", "calendar.call_window",
        "calendar.call_days",
        "letters.spool_directory",
        "metrics.listen",
        "log.format",
        "database.password_file",
    ]

    /// Applies a configuration file over the current values.
    public mutating func apply(_ file: ConfigFile, name: String) throws(ConfigurationError) {
        for (key, entry) in file.values {
            guard Self.knownKeys.contains(key) else {
                throw ConfigurationError(file: name, line: entry.line,
                                         message: "unknown setting '\(key)'; known settings: \(Self.knownKeys.sorted().joined(separator: ", "))")
            }
            try set(key, entry.value, source: name, line: entry.line)
        }
    }

    /// Applies `RECOUVRE_*` variables: RECOUVRE_DATABASE, RECOUVRE_SOCKET, RECOUVRE_SMTP_URL,
    /// RECOUVRE_EMAIL_FROM, RECOUVRE_WORKERS, RECOUVRE_POLL_INTERVAL_MS, RECOUVRE_LOG_LEVEL,
    /// RECOUVRE_APPLY_MIGRATIONS, RECOUVRE_STARTUP_ATTEMPTS, RECOUVRE_LETTER_SPOOL.
    public mutating func apply(environment: [String: String]) throws(ConfigurationError) {
        let mapping: [(String, String)] = [
            ("RECOUVRE_DATABASE", "database.conninfo"), ("RECOUVRE_SOCKET", "control.socket"),
            ("RECOUVRE_SMTP_URL", "smtp.url"), ("RECOUVRE_EMAIL_FROM", "smtp.from"),
            ("RECOUVRE_WORKERS", "scheduler.workers"), ("RECOUVRE_POLL_INTERVAL_MS", "scheduler.poll_interval_ms"),
            ("RECOUVRE_LOG_LEVEL", "log.level"), ("RECOUVRE_APPLY_MIGRATIONS", "database.apply_migrations"),
            ("RECOUVRE_STARTUP_ATTEMPTS", "database.startup_attempts"), ("RECOUVRE_LETTER_SPOOL", "letters.spool_directory"),
        ]
        for (variable, key) in mapping {
            guard let text = environment[variable] else { continue }
            let value: ConfigFile.Value
            if let integer = Int(text) { value = .integer(integer) }
            else if text == "true" || text == "false" { value = .boolean(text == "true") }
            else { value = .string(text) }
            try set(key, value, source: variable, line: nil)
        }
    }

    private mutating func set(_ key: String, _ value: ConfigFile.Value, source: String, line: Int?) throws(ConfigurationError) {
        func fail(_ message: String) -> ConfigurationError {
            ConfigurationError(file: source, line: line, message: "\(key): \(message)")
        }
        func string() throws(ConfigurationError) -> String {
            guard case .string(let s) = value else { throw fail("expected a quoted string") }
            return s
        }
        func integer(_ range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
            guard case .integer(let i) = value else { throw fail("expected a whole number") }
            guard range.contains(i) else { throw fail("\(i) is outside \(range.lowerBound)…\(range.upperBound)") }
            return i
        }
        func boolean() throws(ConfigurationError) -> Bool {
            guard case .boolean(let b) = value else { throw fail("expected true or false") }
            return b
        }
        func ids() throws(ConfigurationError) -> [UInt32] {
            guard case .array(let items) = value else { throw fail("expected a list of numbers like [1000, 1001]") }
            var result: [UInt32] = []
            for item in items {
                guard case .integer(let i) = item, let id = UInt32(exactly: i) else {
                    throw fail("expected a list of numeric ids like [1000, 1001]")
                }
                result.append(id)
            }
            return result
        }
        func window() throws(ConfigurationError) -> (start: Int, end: Int) {
            guard let window = CalendarSettings.parseWindow(try string()) else {
                throw fail("expected a window like \"08:00-19:00\" (start before end, 24:00 at most)")
            }
            return window
        }
        func days() throws(ConfigurationError) -> Set<Int> {
            guard case .array(let items) = value, !items.isEmpty else {
                throw fail("expected a list of days like [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]")
            }
            var days: Set<Int> = []
            for item in items {
                guard case .string(let name) = item, let day = CalendarSettings.dayNames[name] else {
                    throw fail("days are written mon, tue, wed, thu, fri, sat, sun")
                }
                days.insert(day)
            }
            return days
        }
        switch key {
        case "database.conninfo": databaseConninfo = try string()
        case "database.apply_migrations": applyMigrationsAtStart = try boolean()
        case "database.startup_attempts": startupAttempts = try integer(1...1000)
        case "control.socket":
            socketPath = try string()
            guard socketPath.hasPrefix("/") else { throw fail("the socket path must be absolute") }
        case "control.allowed_uids": allowedUIDs = try ids()
        case "control.allowed_gids": allowedGIDs = try ids()
        case "scheduler.poll_interval_ms": pollInterval = .milliseconds(try integer(10...60_000))
        case "scheduler.workers": workers = try integer(1...64)
        case "scheduler.batch_size": batchSize = try integer(1...1000)
        case "scheduler.lease_seconds": lease = .seconds(try integer(10...86_400))
        case "scheduler.connection_lifetime_seconds": connectionLifetime = .seconds(try integer(10...86_400))
        case "smtp.url":
            smtpURL = try string()
            if let problem = SMTPRelay.problem(with: smtpURL) { throw fail(problem) }
        case "smtp.from":
            emailFrom = try string()
            guard EmailAddress.isValid(emailFrom) else {
                throw fail("'\(emailFrom)' is not an address like relances@example.com (the display name comes from the tenant)")
            }
        case "smtp.helo_name": heloName = try string()
        case "smtp.messages_per_minute": relayMessagesPerMinute = try integer(0...1_000_000)
        case "delivery.max_attempts": maxAttempts = try integer(1...100)
        case "delivery.ca_file":
            let path = try string()
            guard path.isEmpty || path.hasPrefix("/") else { throw fail("the CA file must be an absolute path") }
            caFile = path.isEmpty ? nil : path
        case "delivery.retry_base_seconds": retryBase = .seconds(try integer(1...86_400))
        case "delivery.timeout_seconds": deliveryTimeout = .seconds(try integer(1...600))
        case let key where key.hasPrefix("delivery.") && key.hasSuffix("_max_attempts"):
            let channel = String(key.dropFirst("delivery.".count).dropLast("_max_attempts".count))
            channelMaxAttempts[channel] = try integer(1...100)
        case let key where key.hasPrefix("delivery.") && key.hasSuffix("_retry_base_seconds"):
            let channel = String(key.dropFirst("delivery.".count).dropLast("_retry_base_seconds".count))
            channelRetryBase[channel] = .seconds(try integer(1...86_400))
        case "log.level":
            logLevel = try string()
            guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) else {
                throw fail("expected one of trace, debug, info, notice, warning, error, critical")
            }
        case "calendar.send_window":
            let window = try window()
            calendar.windowStartMinutes = window.start
            calendar.windowEndMinutes = window.end
        case "calendar.send_days": calendar.weekdays = try days()
        case "calendar.letter_window":
            let window = try window()
            calendar.letterWindow.startMinutes = window.start
            calendar.letterWindow.endMinutes = window.end
        case "calendar.letter_days": calendar.letterWindow.weekdays = try days()
        case "calendar.call_window":
            let window = try window()
            calendar.callWindow.startMinutes = window.start
            calendar.callWindow.endMinutes = window.end
        case "calendar.call_days": calendar.callWindow.weekdays = try days()
        case "calendar.public_holidays": calendar.publicHolidays = try boolean()
        case "calendar.alsace_moselle": calendar.alsaceMoselle = try boolean()
        case "calendar.minimum_spacing_hours":
            calendar.minimumSpacing = MessageSpacing(minimumInterval: TimeInterval(try integer(0...720) * 3600))
        case "letters.spool_directory":
            letterSpool = try string()
            guard letterSpool.hasPrefix("/") else { throw fail("the spool directory must be an absolute path") }
        case "metrics.listen":
            let text = try string()
            if text.isEmpty {
                metricsListen = nil
            } else {
                do { metricsListen = try MetricsAddress(parsing: text) } catch { throw fail(error.description) }
            }
        case "log.format":
            let name = try string()
            guard let format = LogFormat(rawValue: name) else { throw fail("expected \"logfmt\" or \"json\"") }
            logFormat = format
        case "database.password_file":
            databasePasswordFile = try string()
            guard databasePasswordFile.isEmpty || databasePasswordFile.hasPrefix("/") else {
                throw fail("the password file must be an absolute path, or empty for the systemd credential db-password")
            }
        default: throw fail("unknown setting")
        }
    }

    /// Loads the file at `path` (when given), then the environment.
    public static func load(path: String?, environment: [String: String]) throws(ConfigurationError) -> DaemonConfiguration {
        var configuration = DaemonConfiguration()
        if let path {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError(file: path, line: nil, message: "cannot read the configuration file")
            }
            let file = try ConfigFile(parsing: String(decoding: data, as: UTF8.self), name: path)
            try configuration.apply(file, name: path)
        }
        try configuration.apply(environment: environment)
        return configuration
    }
}
