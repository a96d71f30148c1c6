import Logging
import Synchronization

/// The log level and format in force, shared by every logger of the daemon: a reload or
/// `recouvrectl log-level` changes them for all loggers at once, including the copies the
/// workers hold.
public final class LogSettings: Sendable {
    private struct Values {
        var level: Logger.Level
        var format: LogFormat
    }

    private let values: Mutex<Values>

    public init(level: Logger.Level = .info, format: LogFormat = .logfmt) {
        values = Mutex(Values(level: level, format: format))
    }

    public var level: Logger.Level {
        get { values.withLock { $0.level } }
        set { values.withLock { $0.level = newValue } }
    }

    public var format: LogFormat {
        get { values.withLock { $0.format } }
        set { values.withLock { $0.format = newValue } }
    }

    /// Both at once, so that a record is never written half in one format.
    public var snapshot: (level: Logger.Level, format: LogFormat) {
        values.withLock { ($0.level, $0.format) }
    }
}
