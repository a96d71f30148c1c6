import Foundation

/// Where the built `recouvred` and `recouvrectl` are: `RECOUVRE_BIN` (set by `make test`), or
/// the folder the test bundle was built into.
public enum BuiltProducts {
    public static func directory() -> URL {
        if let path = ProcessInfo.processInfo.environment["RECOUVRE_BIN"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        // swift test runs bundles from the bin folder, e.g. .build/debug/recouvrePackageTests.xctest.
        var url = Bundle.main.bundleURL
        while url.pathComponents.count > 1 && !FileManager.default.fileExists(atPath: url.appendingPathComponent("recouvred").path) {
            url.deleteLastPathComponent()
        }
        return url
    }

    public static func executable(_ name: String) -> URL { directory().appendingPathComponent(name) }
}

/// The result of running a command to completion.
public struct CommandResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs a built executable with arguments and environment additions, and waits for it.
public func runCommand(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    // Closed here, not left to deinit: Foundation may reuse the number under concurrency.
    try? out.fileHandleForReading.close()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    // Closed here, not left to deinit: Foundation may reuse the number under concurrency.
    try? err.fileHandleForReading.close()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}
