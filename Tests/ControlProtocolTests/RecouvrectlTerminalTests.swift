import ControlProtocol
import Foundation
import Testing

/// recouvrectl for people: colours only on a terminal and never with NO_COLOR or --no-color,
/// tables aligned by display width, `watch --once`, migration progress, an example in every
/// command's help.
@Suite("recouvrectl on terminals and pipes", .serialized)
struct RecouvrectlTerminalTests {
    static let escape = "\u{1B}["
    let directory: SocketDirectory
    let handler = InMemoryControlHandler(tenants: [.sample("acme")], actions: ["acme": [.sample(1, state: "dead"), .sample(2, state: "succeeded")]])

    init() throws {
        directory = try SocketDirectory()
    }

    /// Runs recouvrectl with its standard output on a pipe, or on a pseudo-terminal through
    /// util-linux's `script`.
    func run(_ arguments: [String], terminal: Bool = false, environment: [String: String] = [:]) async throws
        -> RecouvrectlTests.Outcome {
        let binary = try #require(RecouvrectlTests.binary)
        let socket = directory.socket()
        return try await blocking {
            let process = Process()
            let command = [binary.path] + (arguments.contains("--socket") ? [] : ["--socket", socket]) + arguments
            if terminal {
                process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
                let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
                process.arguments = ["--quiet", "--return", "--command", quoted, "/dev/null"]
            } else {
                process.executableURL = binary
                process.arguments = Array(command.dropFirst())
            }
            var variables = ProcessInfo.processInfo.environment
            variables["NO_COLOR"] = nil
            variables["TERM"] = "xterm-256color"
            process.environment = variables.merging(environment) { $1 }
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            try? out.fileHandleForReading.close()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            try? err.fileHandleForReading.close()
            process.waitUntilExit()
            return RecouvrectlTests.Outcome(status: process.terminationStatus,
                                            stdout: String(decoding: stdout, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"),
                                            stderr: String(decoding: stderr, as: UTF8.self))
        }
    }

    static let hasScript = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

    @Test("piped output never carries escape codes", .enabled(if: RecouvrectlTests.binary != nil))
    func pipedOutputIsPlain() async throws {
        let server = ControlServer(path: directory.socket(), handler: handler, access: .default)
        try server.start()
        defer { server.stop() }
        for command in [["tenant", "list"], ["actions", "list", "--tenant", "acme"], ["status"], ["watch", "--once"]] {
            let outcome = try await run(command)
            #expect(outcome.status == 0, "\(command): \(outcome.stderr)")
            #expect(!outcome.stdout.contains("\u{1B}"), "\(command): \(outcome.stdout)")
        }
    }

    @Test("a terminal gets bold headers and coloured states, unless NO_COLOR or --no-color",
          .enabled(if: RecouvrectlTests.binary != nil && hasScript))
    func coloursOnlyOnTerminals() async throws {
        let server = ControlServer(path: directory.socket(), handler: handler, access: .default)
        try server.start()
        defer { server.stop() }
        let list = ["actions", "list", "--tenant", "acme"]
        let coloured = try await run(list, terminal: true)
        #expect(coloured.status == 0, "\(coloured.stderr)")
        #expect(coloured.stdout.contains(Self.escape + "1mID" + Self.escape + "0m"), "\(coloured.stdout)")
        #expect(coloured.stdout.contains(Self.escape + "31mdead" + Self.escape + "0m"), "\(coloured.stdout)")
        #expect(coloured.stdout.contains(Self.escape + "32msucceeded" + Self.escape + "0m"), "\(coloured.stdout)")
        // no-color.org: set to anything but the empty string.
        let noColor = try await run(list, terminal: true, environment: ["NO_COLOR": "1"])
        #expect(noColor.status == 0 && !noColor.stdout.contains("\u{1B}") && noColor.stdout.contains("dead"), "\(noColor.stdout)")
        let empty = try await run(list, terminal: true, environment: ["NO_COLOR": ""])
        #expect(empty.stdout.contains(Self.escape + "31mdead"), "\(empty.stdout)")
        let flag = try await run(["--no-color"] + list, terminal: true)
        #expect(flag.status == 0 && !flag.stdout.contains("\u{1B}") && flag.stdout.contains("dead"), "\(flag.stdout)")
        let dumb = try await run(list, terminal: true, environment: ["TERM": "dumb"])
        #expect(!dumb.stdout.contains("\u{1B}"), "\(dumb.stdout)")
    }

    @Test("columns line up by display width: accents, CJK", .enabled(if: RecouvrectlTests.binary != nil))
    func wideCharactersAlign() async throws {
        let server = ControlServer(path: directory.socket(), handler: handler, access: .default)
        try server.start()
        defer { server.stop() }
        // "é" written as e and a combining accent is one column, like the precomposed one.
        for (slug, name) in [("cafe", "Café Lumière"), ("tokyo", "東京商事"), ("accent", "Cafe\u{301} du Nord")] {
            #expect(try await run(["tenant", "create", slug, "--name", name]).status == 0)
        }
        let list = try await run(["tenant", "list"])
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(list.stdout)")
        // Every STATUS cell starts at the same terminal column: NAME is padded by width.
        func column(of needle: String, in line: String) -> Int? {
            guard let range = line.range(of: needle) else { return nil }
            return line[..<range.lowerBound].reduce(0) { width, character in
                let scalar = character.unicodeScalars.first!.value
                return width + ((0x4E00...0x9FFF).contains(scalar) ? 2 : 1)
            }
        }
        let header = try #require(column(of: "STATUS", in: lines[0]))
        for line in lines.dropFirst() {
            #expect(column(of: "active", in: line) == header, "\(list.stdout)")
        }
        #expect(lines.contains { $0.hasPrefix("tokyo   東京商事      active") }, "\(list.stdout)")
    }

    @Test("watch --once prints one frame: status and the recent actions", .enabled(if: RecouvrectlTests.binary != nil))
    func watchOnce() async throws {
        let server = ControlServer(path: directory.socket(), handler: handler, access: .default)
        try server.start()
        defer { server.stop() }
        let frame = try await run(["watch", "--once"])
        #expect(frame.status == 0, "\(frame.stderr)")
        #expect(frame.stdout.hasPrefix("version     1.2.3"), "\(frame.stdout)")
        #expect(frame.stdout.contains("UPDATED"), "\(frame.stdout)")
        #expect(frame.stdout.split(separator: "\n").filter { $0.contains(" acme ") }.count == 2, "\(frame.stdout)")
        let refused = try await run(["watch", "--interval", "0"])
        #expect(refused.status == 2)
        let unreachable = try await run(["watch", "--once", "--socket", directory.socket("nobody.sock")])
        #expect(unreachable.status == 3, "\(unreachable.stderr)")
    }

    @Test("migrate prints one plain line per batch when not on a terminal", .enabled(if: RecouvrectlTests.binary != nil))
    func migrateProgressLines() async throws {
        let server = ControlServer(path: directory.socket(), handler: handler, access: .default)
        try server.start()
        defer { server.stop() }
        let migrated = try await run(["migrate", "--batch", "10"])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(!migrated.stdout.contains("\r") && !migrated.stdout.contains("\u{1B}"))
        #expect(migrated.stdout.contains("tenants: 0 of 1 migrated"), "\(migrated.stdout)")
        let json = try await run(["migrate", "--json"])
        #expect(json.stdout.hasPrefix("{\n  \"summary\" : {"), "\(json.stdout)")
    }

    @Test("every command's help has an example", .enabled(if: RecouvrectlTests.binary != nil))
    func examplesEverywhere() async throws {
        let dump = try await run(["--experimental-dump-help"])
        let tree = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var missing: [String] = []
        func walk(_ command: [String: Any], _ path: String) {
            let name = path + " " + (command["commandName"] as? String ?? "?")
            if name != " recouvrectl help", !((command["discussion"] as? String) ?? "").contains("Example") { missing.append(name) }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub, name) }
        }
        walk(try #require(tree["command"] as? [String: Any]), "")
        #expect(missing.isEmpty, "no example in: \(missing)")
    }
}
