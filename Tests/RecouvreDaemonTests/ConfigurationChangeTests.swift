import Foundation
import Testing
@testable import RecouvreDaemon

@Suite struct ConfigurationChangeTests {
    @Test func liveSettingsApplyAndTheOthersWaitForARestart() throws {
        let running = DaemonConfiguration()
        var read = running
        read.logLevel = "debug"
        read.logFormat = .json
        read.batchSize = 5
        read.calendar.windowStartMinutes = 9 * 60
        read.deliveryTimeout = .seconds(7)
        read.workers = running.workers + 1
        read.databaseConninfo = "dbname=other"
        let change = ConfigurationChange(running: running, read: read)
        #expect(change.applied == ["calendar", "delivery.timeout_seconds", "log.format", "log.level", "scheduler.batch_size"])
        #expect(change.needsRestart == ["database.conninfo", "scheduler.workers"])
        #expect(change.effective.workers == running.workers)
        #expect(change.effective.databaseConninfo == running.databaseConninfo)
        #expect(change.effective.batchSize == 5)
        #expect(change.effective.logFormat == .json)
        #expect(ConfigurationChange(running: running, read: running).applied.isEmpty)
    }

    @Test func logFormatIsReadAndCheckedFromTheFile() throws {
        var configuration = DaemonConfiguration()
        try configuration.apply(try ConfigFile(parsing: "[log]\nformat = \"json\"\n", name: "a.conf"), name: "a.conf")
        #expect(configuration.logFormat == .json)
        #expect(throws: ConfigurationError(file: "b.conf", line: 2, message: "log.format: expected \"logfmt\" or \"json\"")) {
            var other = DaemonConfiguration()
            try other.apply(try ConfigFile(parsing: "[log]\nformat = \"xml\"\n", name: "b.conf"), name: "b.conf")
        }
    }
}
