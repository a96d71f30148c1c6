import Foundation
import Testing

/// A test server from `Servers/`, run by Debian's python3 on an ephemeral loopback port.
///
/// The script writes its port to `<directory>/port` once it listens; `start` waits for that file
/// with a deadline. `stop` (also run at deinit) terminates the process and removes the directory.
final class LoopbackServer: @unchecked Sendable {
    let directory: URL
    let port: Int
    private let process: Process

    /// Starts `Servers/<script>` with `arguments`, after `--dir <directory>`.
    init(script: String, arguments: [String], timeout: Duration = .seconds(10)) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recouvre-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let scriptURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Servers").appendingPathComponent(script)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [scriptURL.path, "--dir", directory.path] + arguments
        let log = directory.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        self.directory = directory

        let portFile = directory.appendingPathComponent("port")
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var found: Int?
        while found == nil {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let value = Int(text) {
                found = value
            } else if !process.isRunning || clock.now >= deadline {
                let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                throw ServerDidNotStart(script: script, output: output)
            } else {
                // Polling a file the server writes once; the deadline above bounds the wait.
                usleep(20_000)
            }
        }
        port = found!
    }

    struct ServerDidNotStart: Error, CustomStringConvertible {
        let script: String
        let output: String
        var description: String { "\(script) did not start: \(output)" }
    }

    /// Stops the server and removes its files.
    func stop() {
        if process.isRunning {
            process.terminate()
            let clock = ContinuousClock()
            let deadline = clock.now.advanced(by: .seconds(3))
            while process.isRunning && clock.now < deadline { usleep(10_000) }
            // Signals may be blocked in the child as in this process: make sure it goes.
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    deinit { stop() }

    /// The lines of a log the server appends to.
    func logLines(_ name: String) -> [String] {
        let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// The messages the SMTP server stored, in order of arrival.
    func storedMessages() -> [String] {
        let folder = directory.appendingPathComponent("messages")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        return names.compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
    }
}
