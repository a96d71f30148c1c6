import Foundation
import Testing
@testable import RecouvreDaemon

@Suite struct DatabasePasswordTests {
    private func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dbpw-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test func aKeywordConninfoGetsAQuotedPasswordKeyword() {
        #expect(DatabasePassword.conninfo("host=/run/postgresql dbname=recouvre", password: "it's a \\ secret")
                == #"host=/run/postgresql dbname=recouvre password='it\'s a \\ secret'"#)
        #expect(DatabasePassword.conninfo("", password: "pw") == "password='pw'")
    }

    @Test func aURLGetsAPercentEncodedQueryParameter() {
        #expect(DatabasePassword.conninfo("postgresql://recouvre@db.example/recouvre", password: "a&b=c d/é")
                == "postgresql://recouvre@db.example/recouvre?password=a%26b%3Dc%20d%2F%C3%A9")
        #expect(DatabasePassword.conninfo("postgres://db/recouvre?sslmode=require", password: "x")
                == "postgres://db/recouvre?sslmode=require&password=x")
    }

    @Test func theSystemdCredentialIsUsedWhenNoFileIsConfigured() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = ["CREDENTIALS_DIRECTORY": directory.path]
        #expect(DatabasePassword.file(configured: "", environment: environment) == nil, "no credential, no file")
        try "s3cret\r\n".write(to: directory.appendingPathComponent("db-password"), atomically: true, encoding: .utf8)
        #expect(DatabasePassword.file(configured: "", environment: environment) == directory.appendingPathComponent("db-password").path)
        #expect(DatabasePassword.file(configured: "/etc/other", environment: environment) == "/etc/other", "a configured file wins")
        #expect(DatabasePassword.file(configured: "", environment: [:]) == nil)

        var configuration = DaemonConfiguration()
        configuration.databaseConninfo = "dbname=recouvre"
        let resolved = try configuration.resolvingDatabasePassword(environment: environment)
        #expect(resolved.databaseConninfo == "dbname=recouvre password='s3cret'", "the line ending is not part of it")
        #expect(try DaemonConfiguration().resolvingDatabasePassword(environment: [:]) == DaemonConfiguration())
    }

    @Test func aReloadReadsThePasswordAgainSoAnUnchangedOneChangesNothing() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "s3cret\n".write(to: directory.appendingPathComponent("db-password"), atomically: true, encoding: .utf8)
        let source = ConfigurationSource(path: nil, environment: ["CREDENTIALS_DIRECTORY": directory.path],
                                         databaseOverride: "dbname=recouvre")
        let running = try source.load()
        #expect(running.databaseConninfo == "dbname=recouvre password='s3cret'", "--database gets the password too")
        #expect(ConfigurationChange(running: running, read: try source.load()).needsRestart.isEmpty)

        try "rotated\n".write(to: directory.appendingPathComponent("db-password"), atomically: true, encoding: .utf8)
        let change = ConfigurationChange(running: running, read: try source.load())
        #expect(change.needsRestart == ["database.conninfo"], "a new password takes a restart")
        #expect(change.effective.databaseConninfo == running.databaseConninfo)
    }

    @Test func anEmptyFileMeansNoPasswordAndAMissingConfiguredFileIsAnError() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty")
        try "\n".write(to: empty, atomically: true, encoding: .utf8)
        var configuration = DaemonConfiguration()
        configuration.databasePasswordFile = empty.path
        #expect(try configuration.resolvingDatabasePassword(environment: [:]).databaseConninfo == "")

        configuration.databasePasswordFile = "/nonexistent/db-password"
        #expect {
            _ = try configuration.resolvingDatabasePassword(environment: [:])
        } throws: { error in
            "\(error)".hasPrefix("/nonexistent/db-password: cannot read the database password file")
        }
    }

    @Test func theSettingTakesAnAbsolutePath() throws {
        var configuration = DaemonConfiguration()
        try configuration.apply(try ConfigFile(parsing: "[database]\npassword_file = \"/etc/recouvre/db-password\"", name: "f"), name: "f")
        #expect(configuration.databasePasswordFile == "/etc/recouvre/db-password")
        #expect(throws: ConfigurationError.self) {
            try configuration.apply(try ConfigFile(parsing: "[database]\npassword_file = \"db-password\"", name: "f"), name: "f")
        }
    }
}
