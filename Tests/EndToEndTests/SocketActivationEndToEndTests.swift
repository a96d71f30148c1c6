import Foundation
import RecouvreTestSupport
import Testing

/// `recouvred` started the way systemd starts it with `recouvred.socket`: the control socket is
/// already bound and listening on descriptor 3, named by `LISTEN_FDS`/`LISTEN_FDNAMES` for the
/// daemon's own pid.
@Suite struct SocketActivationEndToEndTests {
    @Test func theDaemonServesTheSocketItInheritsAndLeavesItsFileToSystemd() async throws {
        let conninfo = try TestDatabase.create()
        defer { try? TestDatabase.drop(conninfo) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("recouvre-act-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let socketPath = directory.appendingPathComponent("control.sock").path
        let notify = try NotifySocketListener(directory: directory)

        // Stands in for systemd: bind and listen, put the socket on descriptor 3, and exec the
        // daemon in the same process, so that LISTEN_PID is the daemon's pid.
        let launcher = """
            import os, socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind(sys.argv[1]); os.chmod(sys.argv[1], 0o660); s.listen(16)
            if s.fileno() != 3: os.dup2(s.fileno(), 3)
            os.set_inheritable(3, True)
            os.environ.update(LISTEN_PID=str(os.getpid()), LISTEN_FDS="1", LISTEN_FDNAMES="control")
            os.execv(sys.argv[2], sys.argv[2:])
            """
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        daemon.arguments = ["-c", launcher, socketPath, BuiltProducts.executable("recouvred").path,
                            "--database", conninfo, "--socket", directory.appendingPathComponent("unused.sock").path]
        daemon.environment = ProcessInfo.processInfo.environment.merging(["NOTIFY_SOCKET": notify.path]) { $1 }
        let log = directory.appendingPathComponent("recouvred.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        daemon.standardError = try FileHandle(forWritingTo: log)
        try daemon.run()
        defer { if daemon.isRunning { daemon.terminate() } }
        func logText() -> String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        #expect(try await notify.waitFor("READY=1"), "log: \(logText())")
        let status = try runCommand(BuiltProducts.executable("recouvrectl"), ["--socket", socketPath, "status"])
        #expect(status.status == 0, "stderr: \(status.stderr); log: \(logText())")
        #expect(logText().contains("control socket passed by systemd"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("unused.sock").path),
                "the configured path is not used when systemd passes a socket")

        daemon.terminate()
        #expect(try await waitUntil { !daemon.isRunning })
        #expect(daemon.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: socketPath), "the socket file belongs to systemd")
    }
}
