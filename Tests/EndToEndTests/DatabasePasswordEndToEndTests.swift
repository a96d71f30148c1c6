import Foundation
import RecouvreTestSupport
import Testing

/// The database password given as systemd gives it (`LoadCredential=db-password:…`, read from
/// `$CREDENTIALS_DIRECTORY/db-password`) or as `database.password_file`, against a cluster that
/// asks for passwords, with the role and grants of deploy/postgresql-setup.sql.
@Suite(.serialized)
struct DatabasePasswordEndToEndTests {
    static let setupScript = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy/postgresql-setup.sql")

    @Test func theDaemonConnectsWithTheCredentialAsTheLeastPrivilegedRoleAndNeverShowsThePassword() async throws {
        let cluster = try PasswordCluster()
        let password = "pw-\(UUID().uuidString.prefix(12))'\\ x"   // a quote, a backslash and a space
        try cluster.psql(["-v", "password=\(password)", "-f", Self.setupScript.path])
        // A second run changes nothing and fails nowhere.
        try cluster.psql(["-v", "password=\(password)", "-f", Self.setupScript.path])

        let directory = cluster.directory.appendingPathComponent("run")
        let credentials = cluster.directory.appendingPathComponent("credentials")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: true)
        try (password + "\n").write(to: credentials.appendingPathComponent("db-password"), atomically: true, encoding: .utf8)
        let conninfo = cluster.conninfo(user: "recouvre", database: "recouvre")
        let socketPath = directory.appendingPathComponent("control.sock").path

        // Without the password the server refuses the daemon: the cluster really asks for one.
        let refused = try runCommand(BuiltProducts.executable("recouvred"), ["--database", conninfo, "--socket", socketPath],
                                     environment: ["RECOUVRE_STARTUP_ATTEMPTS": "1"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("password"), "stderr: \(refused.stderr)")

        let notify = try NotifySocketListener(directory: directory)
        let daemon = Process()
        daemon.executableURL = BuiltProducts.executable("recouvred")
        daemon.arguments = ["--database", conninfo, "--socket", socketPath]
        daemon.environment = ProcessInfo.processInfo.environment.merging([
            "CREDENTIALS_DIRECTORY": credentials.path, "NOTIFY_SOCKET": notify.path,
            "RECOUVRE_LETTER_SPOOL": directory.appendingPathComponent("letters").path,
        ]) { $1 }
        let log = directory.appendingPathComponent("recouvred.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        daemon.standardError = try FileHandle(forWritingTo: log)
        try daemon.run()
        defer { if daemon.isRunning { daemon.terminate(); daemon.waitUntilExit() } }
        func logText() -> String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

        #expect(try await notify.waitFor("READY=1"), "log: \(logText())")
        // The role can do all the daemon does: migrations ran at start, and a tenant schema is
        // created and migrated.
        let ctl = { (arguments: [String]) in
            try runCommand(BuiltProducts.executable("recouvrectl"), ["--socket", socketPath] + arguments)
        }
        let created = try ctl(["tenant", "create", "acme", "--name", "ACME Fournitures"])
        #expect(created.status == 0, "stderr: \(created.stderr); log: \(logText())")
        let status = try ctl(["status"])
        #expect(status.status == 0, "stderr: \(status.stderr)")
        #expect(!status.stdout.contains(password) && !status.stderr.contains(password))

        let owners = try cluster.psql(["-A", "-t", "-c", """
            SELECT string_agg(n.nspname || '=' || pg_get_userbyid(n.nspowner), ',' ORDER BY n.nspname)
                   || ' super=' || (SELECT rolsuper FROM pg_roles WHERE rolname = 'recouvre')
            FROM pg_namespace n WHERE n.nspname IN ('recouvre', 'tenant_acme')
            """], database: "recouvre")
        #expect(owners.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                == "recouvre=recouvre,tenant_acme=recouvre super=false", "\(owners.stdout)")

        daemon.terminate()
        #expect(try await waitUntil { !daemon.isRunning })
        #expect(daemon.terminationStatus == 0)
        #expect(!logText().contains(password), "the password never reaches the log")
    }

    @Test func aConfiguredPasswordFileWinsAndAWrongPasswordIsReportedWithoutIt() throws {
        let cluster = try PasswordCluster()
        try cluster.psql(["-v", "password=right-one", "-f", Self.setupScript.path])
        let wrong = cluster.directory.appendingPathComponent("wrong.pw")
        try "not-the-right-one\n".write(to: wrong, atomically: true, encoding: .utf8)
        let credentials = cluster.directory.appendingPathComponent("credentials")
        try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: true)
        try "right-one".write(to: credentials.appendingPathComponent("db-password"), atomically: true, encoding: .utf8)
        let config = cluster.directory.appendingPathComponent("recouvred.conf")
        try "[database]\npassword_file = \"\(wrong.path)\"\n".write(to: config, atomically: true, encoding: .utf8)

        let result = try runCommand(BuiltProducts.executable("recouvred"),
                                    ["--config", config.path, "--database", cluster.conninfo(user: "recouvre", database: "recouvre"),
                                     "--socket", cluster.directory.appendingPathComponent("unused.sock").path],
                                    environment: ["RECOUVRE_STARTUP_ATTEMPTS": "1", "CREDENTIALS_DIRECTORY": credentials.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("password authentication failed"), "stderr: \(result.stderr)")
        #expect(!result.stderr.contains("not-the-right-one"))

        let unreadable = cluster.directory.appendingPathComponent("unreadable.conf")
        try "[database]\npassword_file = \"/nonexistent/db-password\"\n".write(to: unreadable, atomically: true, encoding: .utf8)
        let refused = try runCommand(BuiltProducts.executable("recouvred"),
                                     ["--config", unreadable.path, "--database", cluster.conninfo(user: "recouvre", database: "recouvre")],
                                     environment: ["RECOUVRE_STARTUP_ATTEMPTS": "1"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("/nonexistent/db-password: cannot read the database password file"), "stderr: \(refused.stderr)")
    }
}
