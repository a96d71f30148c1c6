import Foundation
import Testing
@testable import RecouvreDaemon

/// systemd/recouvred.service and recouvred.socket agree with the daemon's defaults: the paths it
/// uses, the socket's name, a watchdog longer than one delivery. (`systemd-analyze verify` runs
/// on the installed units in InstallEndToEndTests.)
@Suite struct UnitFilesTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every `Key=value` of a unit file, in order (comments and section headers left out).
    static func directives(_ name: String) throws -> [(key: String, value: String)] {
        let text = try String(contentsOf: root.appendingPathComponent("systemd/\(name)"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#"), !line.hasPrefix("["), let equals = line.firstIndex(of: "=") else { return nil }
            return (String(line[..<equals]), String(line[line.index(after: equals)...]))
        }
    }

    static func values(_ key: String, in directives: [(key: String, value: String)]) -> [String] {
        directives.filter { $0.key == key }.map(\.value)
    }

    @Test func theServiceMatchesTheDaemonsDefaults() throws {
        let service = try Self.directives("recouvred.service")
        let defaults = DaemonConfiguration()
        #expect(Self.values("Type", in: service) == ["notify"])
        #expect(Self.values("ExecReload", in: service) == ["/bin/kill -HUP $MAINPID"])
        let watchdog = try #require(Self.values("WatchdogSec", in: service).first.flatMap { Int64($0) })
        #expect(.seconds(watchdog) >= defaults.deliveryTimeout * 2, "the watchdog must outlast one delivery")
        // The default paths are the directories systemd creates and leaves writable.
        let runtime = try #require(Self.values("RuntimeDirectory", in: service).first)
        #expect(defaults.socketPath == "/run/\(runtime)/control.sock")
        let state = try #require(Self.values("StateDirectory", in: service).first).split(separator: " ").map { "/var/lib/\($0)" }
        #expect(state.contains(defaults.letterSpool))
        #expect(Self.values("LoadCredential", in: service) == ["\(DatabasePassword.credentialName):/etc/recouvre/db-password"])
        #expect(Self.values("ExecStart", in: service).first?.hasSuffix("--config /etc/recouvre/recouvred.conf") == true)
        for hardening in ["NoNewPrivileges=yes", "CapabilityBoundingSet=", "MemoryDenyWriteExecute=yes", "PrivateDevices=yes",
                          "LockPersonality=yes", "RestrictNamespaces=yes", "SystemCallFilter=@system-service",
                          "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6", "UMask=0027", "ProtectSystem=strict"] {
            #expect(service.contains { "\($0.key)=\($0.value)" == hardening }, "missing \(hardening)")
        }
    }

    @Test func theSocketIsTheOneTheDaemonAdoptsByName() throws {
        let socket = try Self.directives("recouvred.socket")
        let path = try #require(Self.values("ListenStream", in: socket).first)
        #expect(path == DaemonConfiguration().socketPath)
        let name = try #require(Self.values("FileDescriptorName", in: socket).first)
        let activation = SocketActivation(environment: ["LISTEN_PID": "9", "LISTEN_FDS": "2", "LISTEN_FDNAMES": "other:\(name)"], pid: 9)
        #expect(activation.controlSocket == 4, "the daemon picks the descriptor named \(name)")
        #expect(Self.values("SocketMode", in: socket) == ["0660"])
        #expect(Self.values("SocketGroup", in: socket) == ["recouvre-ops"])
    }
}
