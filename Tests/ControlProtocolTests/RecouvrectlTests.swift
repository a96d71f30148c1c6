import ControlProtocol
import Foundation
import Testing

/// recouvrectl as built beside the tests (or in $RECOUVRE_BIN), run against a real server.
@Suite("recouvrectl against a server")
struct RecouvrectlTests {
    static let binary: URL? = {
        var directories: [URL] = []
        if let bin = ProcessInfo.processInfo.environment["RECOUVRE_BIN"] {
            directories.append(URL(fileURLWithPath: bin))
        }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        return directories.map { $0.appendingPathComponent("recouvrectl") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct Outcome: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let directory: SocketDirectory
    let handler = InMemoryControlHandler(tenants: [.sample("acme")], actions: ["acme": [.sample(1, state: "dead")]])

    init() throws {
        directory = try SocketDirectory()
    }

    func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Outcome {
        let binary = try #require(Self.binary)
        return try await blocking {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            // Closed here, not left to deinit: Foundation may reuse the number under concurrency.
            try? out.fileHandleForReading.close()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            // Closed here, not left to deinit: Foundation may reuse the number under concurrency.
            try? err.fileHandleForReading.close()
            process.waitUntilExit()
            return Outcome(
                status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                stderr: String(decoding: stderr, as: UTF8.self))
        }
    }

    @Test("tables for people, sorted JSON for scripts, exit 1 with the daemon's refusal", .enabled(if: binary != nil))
    func commands() async throws {
        let server = ControlServer(path: directory.socket(), handler: handler, access: .default)
        try server.start()
        defer { server.stop() }
        let socket = directory.socket()

        let list = try await run(["tenant", "list", "--socket", socket])
        #expect(list.status == 0)
        #expect(list.stdout.hasPrefix("SLUG  NAME  STATUS  TIMEZONE      LOCALE  SCHEMA  CREATED\nacme  Acme  active  Europe/Paris  fr      3       2025-01-02T09:00:00Z"))

        let shown = try await run(["tenant", "show", "acme", "--json"], environment: ["RECOUVRE_SOCKET": socket])
        #expect(shown.status == 0)
        let reply = try JSONDecoder().decode(GetTenantReply.self, from: Data(shown.stdout.utf8))
        #expect(reply.tenant.slug == "acme")
        #expect(shown.stdout.contains(#""emailFrom" : null"#))
        let keys = shown.stdout.split(separator: "\n").filter { $0.hasPrefix("    \"") }.map { $0.split(separator: "\"")[1] }
        #expect(Array(keys.prefix(6)) == ["cancelled", "dead", "failed", "running", "scheduled", "succeeded"])

        let retried = try await run(["actions", "retry", "1", "--tenant", "acme", "--socket", socket])
        #expect(retried.status == 0)
        #expect(retried.stdout.contains("action 1 of tenant 'acme' is scheduled"))

        let missing = try await run(["tenant", "pause", "nobody", "--socket", socket])
        #expect(missing.status == 1)
        #expect(missing.stderr == "recouvrectl: tenant 'nobody' not found\n")
    }

    @Test("usage errors exit 2 before any call; an absent daemon exits 3", .enabled(if: binary != nil))
    func failures() async throws {
        let absent = directory.socket("absent.sock")
        let bad = try await run(["tenant", "show", "Acme", "--socket", absent])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("tenant slug 'Acme' is invalid: it must start with a lowercase letter"))
        let limit = try await run(["actions", "list", "--tenant", "acme", "--limit", "5000", "--socket", absent])
        #expect(limit.status == 2)
        let unreachable = try await run(["status", "--socket", absent])
        #expect(unreachable.status == 3)
        #expect(unreachable.stderr.contains("cannot reach recouvred at \(absent):"))
        #expect(unreachable.stderr.contains("Is it running? Use --socket or RECOUVRE_SOCKET."))
    }
}
