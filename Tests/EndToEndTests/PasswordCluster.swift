#if canImport(Glibc)
import Glibc
#endif
import Foundation
import RecouvreTestSupport

/// A PostgreSQL cluster of the test's own that asks every client for a password
/// (`initdb --auth=scram-sha-256`), unlike the suite's shared cluster, which trusts its socket:
/// there, a password would be accepted whatever it is, and its absence would go unnoticed.
/// Unix socket only, in a directory of its own.
final class PasswordCluster {
    let directory: URL
    let superuserPassword = "su-" + UUID().uuidString
    let port = 5432
    private let bin: URL

    init() throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.compactMap(Int.init).max() else {
            throw ClusterError(message: "no PostgreSQL server under /usr/lib/postgresql (scripts/install-deps installs it)")
        }
        bin = URL(fileURLWithPath: "/usr/lib/postgresql/\(version)/bin")
        // Short, so that the socket path fits in sun_path; traversable by the postgres user.
        directory = URL(fileURLWithPath: "/tmp/rpw-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o755])
        let passwordFile = directory.appendingPathComponent("superuser.pw")
        try superuserPassword.write(to: passwordFile, atomically: true, encoding: .utf8)
        if getuid() == 0 {
            for path in [directory.path, passwordFile.path] {
                try FileManager.default.setAttributes([.ownerAccountName: "postgres"], ofItemAtPath: path)
            }
        }
        try asPostgres("initdb", ["-D", directory.appendingPathComponent("data").path, "-U", "postgres",
                                  "--auth=scram-sha-256", "--pwfile=\(passwordFile.path)", "-E", "UTF8", "--locale=C.UTF-8"])
        // The server runs in a session of its own (setsid -f), and nothing it or runuser keeps
        // open may be the pipes runCommand reads to their end: hence the redirections.
        let server = "\(bin.appendingPathComponent("postgres").path) -D \(directory.appendingPathComponent("data").path)"
            + " -k \(directory.path) -p \(port) -c listen_addresses= -c fsync=off"
        let log = directory.appendingPathComponent("server.log").path
        let user = getuid() == 0 ? "/usr/sbin/runuser -u postgres -- " : ""
        // Spawned and waited for directly: Foundation's Process did not notice this shell's end
        // once the server it leaves behind kept running.
        let command = "setsid -f \(user)/bin/sh -c 'exec \(server) >>\(log) 2>&1' </dev/null >/dev/null 2>&1"
        guard Self.spawnAndWait(["/bin/sh", "-c", command]) == 0 else { throw ClusterError(message: "could not start postgres") }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(30))
        while try runCommand(bin.appendingPathComponent("pg_isready"), ["-q", "-h", directory.path, "-p", "\(port)"]).status != 0 {
            guard clock.now < deadline else {
                throw ClusterError(message: "postgres did not start: \((try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? "")")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    deinit {
        _ = try? asPostgres("pg_ctl", ["-D", directory.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(at: directory)
    }

    /// A conninfo for `user` on `database`, without any password.
    func conninfo(user: String, database: String) -> String {
        "host=\(directory.path) port=\(port) user=\(user) dbname=\(database) connect_timeout=5"
    }

    /// Runs psql as the superuser (with its password) on `database`.
    @discardableResult
    func psql(_ arguments: [String], database: String = "postgres") throws -> CommandResult {
        let result = try runCommand(bin.appendingPathComponent("psql"),
                                    ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", directory.path, "-p", "\(port)",
                                     "-U", "postgres", "-d", database] + arguments,
                                    environment: ["PGPASSWORD": superuserPassword])
        guard result.status == 0 else { throw ClusterError(message: "psql \(arguments): \(result.stderr)") }
        return result
    }

    @discardableResult
    private func asPostgres(_ tool: String, _ arguments: [String]) throws -> CommandResult {
        let executable = bin.appendingPathComponent(tool)
        // initdb refuses to run as root.
        let result = getuid() == 0
            ? try runCommand(URL(fileURLWithPath: "/usr/sbin/runuser"), ["-u", "postgres", "--", executable.path] + arguments)
            : try runCommand(executable, arguments)
        guard result.status == 0 else { throw ClusterError(message: "\(tool): \(result.stdout)\(result.stderr)") }
        return result
    }

    /// Runs `arguments` with posix_spawn and returns its exit status.
    private static func spawnAndWait(_ arguments: [String]) -> Int32 {
        var pointers = arguments.map { strdup($0) }
        pointers.append(nil)
        defer { pointers.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], nil, nil, pointers, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    }

    struct ClusterError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
