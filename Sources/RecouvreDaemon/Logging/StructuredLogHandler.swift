import Foundation
import Logging

/// Recouvre's swift-log handler: one line per record in `logfmt` or JSON, metadata as fields.
///
/// The level and format come from a shared ``LogSettings``, so that a reload or
/// `recouvrectl log-level` changes every logger of the daemon at once. Setting `logLevel` on
/// one logger therefore changes it for all: the daemon has one level, not one per logger.
public struct StructuredLogHandler: LogHandler {
    public let settings: LogSettings
    public let output: LogOutput
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    public init(settings: LogSettings, output: LogOutput) {
        self.settings = settings
        self.output = output
    }

    public var logLevel: Logger.Level {
        get { settings.level }
        set { settings.level = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { $1 } }
        if let given = event.metadata { fields.merge(given) { $1 } }
        let record = LogRecord(time: Date(), level: event.level, message: event.message.description, metadata: fields)
        output.write(record.line(format: settings.format, journal: output.journal))
    }
}
