import Foundation
import RecouvreTestSupport
import Testing

/// What `recouvred` says when it cannot start, and that it stops rather than run half-way.
@Suite struct StartupEndToEndTests {
    @Test func anUnusableSocketPathStopsTheDaemonWithWhatToDo() throws {
        let conninfo = try TestDatabase.create()
        defer { try? TestDatabase.drop(conninfo) }
        let result = try runCommand(BuiltProducts.executable("recouvred"),
                                    ["--database", conninfo, "--socket", "/nonexistent-\(UUID().uuidString)/control.sock"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot open the control socket"))
        #expect(result.stderr.contains("RuntimeDirectory"))
    }

    @Test func aBadConfigurationIsRefusedWithItsLine() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).conf")
        try "[scheduler]\nworkers = many\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try runCommand(BuiltProducts.executable("recouvred"), ["--config", file.path, "--check-config"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(file.path):2: scheduler.workers:"), "stderr: \(result.stderr)")
    }

    @Test func anUnreachableDatabaseIsReportedWithoutLeakingThePassword() throws {
        let result = try runCommand(BuiltProducts.executable("recouvred"),
                                    ["--database", "postgresql://recouvre:s3cret-pw@127.0.0.1:1/recouvre?connect_timeout=1",
                                     "--socket", "/tmp/unused-\(UUID().uuidString.prefix(8)).sock"],
                                    environment: ["RECOUVRE_STARTUP_ATTEMPTS": "1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("could not connect") || result.stderr.contains("connection"), "stderr: \(result.stderr)")
        #expect(!result.stderr.contains("s3cret-pw"))
    }
}
