import Foundation
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

@Suite struct SystemdNotifierTests {
    @Test func sendsTheNotifyProtocolToTheSocketNamedByTheEnvironment() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let listener = try NotifySocketListener(directory: directory)
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.path, "WATCHDOG_USEC": "2000000"])
        #expect(notifier.watchdogInterval == .seconds(1))
        notifier.ready(status: "working")
        notifier.watchdog()
        notifier.stopping()
        #expect(try await listener.waitFor("READY=1"))
        #expect(try await listener.waitFor("STATUS=working"))
        #expect(try await listener.waitFor("WATCHDOG=1"))
        #expect(try await listener.waitFor("STOPPING=1"))
    }

    @Test func withoutNotifySocketNothingIsSentAndNoWatchdogIsDue() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(notifier.socketPath == nil)
        #expect(notifier.watchdogInterval == nil)
        notifier.ready(status: "ignored")  // must not crash or block
    }

    @Test func aWatchdogMeantForAnotherProcessIsIgnored() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/tmp/x", "WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "1"])
        #expect(notifier.watchdogInterval == nil)
    }
}

@Suite struct SocketActivationTests {
    @Test func theNamedControlSocketIsFound() {
        let activation = SocketActivation(
            environment: ["LISTEN_PID": "42", "LISTEN_FDS": "2", "LISTEN_FDNAMES": "metrics:control"], pid: 42)
        #expect(activation.controlSocket == 4)
        #expect(activation.descriptors["metrics"] == 3)
    }

    @Test func aSingleUnnamedSocketIsTheControlSocket() {
        #expect(SocketActivation(environment: ["LISTEN_PID": "7", "LISTEN_FDS": "1"], pid: 7).controlSocket == 3)
    }

    @Test func socketsMeantForAnotherProcessAreIgnored() {
        #expect(SocketActivation(environment: ["LISTEN_PID": "8", "LISTEN_FDS": "1"], pid: 7).controlSocket == nil)
        #expect(SocketActivation(environment: [:], pid: 7).controlSocket == nil)
    }
}
