import Foundation
import Logging
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

/// Reloading in process: what is applied, what is refused, and what systemd is told.
@Suite struct ReloaderTests {
    final class Fixture {
        let directory: URL
        let file: URL
        let listener: NotifySocketListener
        let current: CurrentConfiguration
        let logSettings = LogSettings()
        let state = DaemonState()
        let output = LogOutput.memory()
        let reloader: Reloader

        init(_ text: String) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("reload-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            file = directory.appendingPathComponent("recouvred.conf")
            try text.write(to: file, atomically: true, encoding: .utf8)
            listener = try NotifySocketListener(directory: directory)
            let source = ConfigurationSource(path: file.path, environment: [:], socketOverride: "/tmp/flag.sock")
            current = CurrentConfiguration(try source.load())
            let settings = logSettings, output = output
            let logger = Logger(label: "test") { _ in StructuredLogHandler(settings: settings, output: output) }
            reloader = Reloader(source: source, current: current, logSettings: logSettings, state: state,
                                notifier: SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.path]), logger: logger)
        }

        func write(_ text: String) throws { try text.write(to: file, atomically: true, encoding: .utf8) }

        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    @Test func aChangedFileIsAppliedAndSystemdSeesReloadingThenReady() async throws {
        let fixture = try Fixture("[log]\nlevel = \"info\"\n[scheduler]\nbatch_size = 20\nworkers = 2\n")
        try fixture.write("[log]\nlevel = \"debug\"\nformat = \"json\"\n[scheduler]\nbatch_size = 3\nworkers = 8\n[calendar]\nsend_window = \"09:00-12:00\"\n")
        func monotonicMicroseconds() -> UInt64 {
            var clock = timespec()
            clock_gettime(CLOCK_MONOTONIC, &clock)
            return UInt64(clock.tv_sec) * 1_000_000 + UInt64(clock.tv_nsec) / 1_000
        }
        let before = monotonicMicroseconds()
        let change = try await fixture.reloader.reload(trigger: "test")
        let after = monotonicMicroseconds()
        #expect(change.applied == ["calendar", "log.format", "log.level", "scheduler.batch_size"])
        #expect(change.needsRestart == ["scheduler.workers"])
        let now = fixture.current.snapshot
        #expect(now.batchSize == 3)
        #expect(now.workers == 2, "the running value stays until a restart")
        #expect(now.calendar.windowStartMinutes == 9 * 60)
        #expect(now.socketPath == "/tmp/flag.sock", "a flag still wins over the file")
        #expect(fixture.logSettings.level == .debug)
        #expect(fixture.logSettings.format == .json)
        #expect(fixture.state.lastReload?.error == nil)
        #expect(fixture.state.lastReload?.needsRestart == ["scheduler.workers"])
        #expect(fixture.output.lines.contains { $0.contains("needs a restart") || $0.contains("need a restart") })

        #expect(try await fixture.listener.waitFor("READY=1"))
        let messages = fixture.listener.messages
        let reloading = try #require(messages.firstIndex { $0.hasPrefix("RELOADING=1\n") })
        let ready = try #require(messages.firstIndex { $0.hasPrefix("READY=1") })
        #expect(reloading < ready)
        let usecLine = try #require(messages[reloading].split(separator: "\n").first { $0.hasPrefix("MONOTONIC_USEC=") })
        let usec = try #require(UInt64(usecLine.dropFirst("MONOTONIC_USEC=".count)))
        // Taken during the reload, on the same clock: between the two readings around it.
        #expect(before <= usec && usec <= after, "MONOTONIC_USEC is CLOCK_MONOTONIC in µs: \(before) ≤ \(usec) ≤ \(after)")
    }

    @Test func aBrokenFileIsRefusedAndTheRunningConfigurationStays() async throws {
        let fixture = try Fixture("[scheduler]\nbatch_size = 20\n")
        try fixture.write("[scheduler]\nbatch_size = 3\npoll_interval_ms = often\n")
        await #expect(throws: Reloader.Refused.self) { try await fixture.reloader.reload(trigger: "test") }
        #expect(fixture.current.snapshot.batchSize == 20)
        let error = try #require(fixture.state.lastReload?.error)
        #expect(error.contains("\(fixture.file.path):3: scheduler.poll_interval_ms"), "\(error)")
        #expect(try await fixture.listener.waitFor("READY=1"), "systemd must see the reload end even when refused")

        // A later good reload clears the error.
        try fixture.write("[scheduler]\nbatch_size = 4\n")
        _ = try await fixture.reloader.reload(trigger: "test")
        #expect(fixture.state.lastReload?.error == nil)
        #expect(fixture.current.snapshot.batchSize == 4)
    }
}
