import Foundation
import RecouvreTestSupport

/// The built `recouvred`, started on a fresh database with a configuration of the test's.
final class DaemonProcess {
    let directory: URL
    let conninfo: String
    let socketPath: String
    let log: URL
    let notify: NotifySocketListener
    let process = Process()
    /// Whether this process made the database, and drops it when done.
    private let ownsDatabase: Bool

    /// Starts a daemon on a new database, or on `database` shared with another daemon.
    init(settings: String, sharing database: DaemonProcess? = nil) throws {
        conninfo = try database?.conninfo ?? TestDatabase.create()
        ownsDatabase = database == nil
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("recouvre-e2e-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socketPath = directory.appendingPathComponent("control.sock").path
        notify = try NotifySocketListener(directory: directory)
        let smtp = try TestEnvironment.smtpAddress()
        let config = directory.appendingPathComponent("recouvred.conf")
        // Sending window open around the clock: the tests must not depend on when CI runs.
        try """
            [smtp]
            url = "smtp://\(smtp.host):\(smtp.port)"
            [calendar]
            send_window = "00:00-24:00"
            send_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            letter_window = "00:00-24:00"
            letter_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            call_window = "00:00-24:00"
            call_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            public_holidays = false
            [letters]
            spool_directory = "\(directory.appendingPathComponent("letters").path)"
            \(settings)
            """.write(to: config, atomically: true, encoding: .utf8)
        process.executableURL = BuiltProducts.executable("recouvred")
        process.arguments = ["--config", config.path, "--database", conninfo, "--socket", socketPath]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "400000",
        ]) { $1 }
        log = directory.appendingPathComponent("recouvred.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
        if ownsDatabase { try? TestDatabase.drop(conninfo) }
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Where this daemon writes letters.
    var letters: URL { directory.appendingPathComponent("letters") }

    /// Runs the built `recouvrectl` against this daemon.
    func ctl(_ arguments: String...) throws -> CommandResult {
        try runCommand(BuiltProducts.executable("recouvrectl"), ["--socket", socketPath] + arguments)
    }
}

/// Polls `condition` until it holds or the deadline passes.
func waitUntil(timeout: Duration = .seconds(20), _ condition: () throws -> Bool) async throws -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: timeout)
    while clock.now < deadline {
        if try condition() { return true }
        try await Task.sleep(for: .milliseconds(50))
    }
    return try condition()
}
