import Foundation

/// The services `make test` starts for the test suite, found through the environment.
///
/// `scripts/services start DIR` writes `DIR/env`; `make test` sources it before `swift test`.
/// A test that needs a service and does not find it fails with a message saying how to get it,
/// rather than skipping silently.
public enum TestEnvironment {
    /// Errors raised when the environment `make test` prepares is missing.
    public struct Missing: Error, CustomStringConvertible {
        public let variable: String
        public var description: String {
            "\(variable) is not set: run the tests with `make test`, which starts PostgreSQL and an SMTP server"
        }
    }

    static func require(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw Missing(variable: name)
        }
        return value
    }

    /// Conninfo of the throwaway cluster's `postgres` database, as superuser.
    public static func adminConninfo() throws -> String { try require("RECOUVRE_PG") }

    /// `host:port` of the loopback SMTP server.
    public static func smtpAddress() throws -> (host: String, port: Int) {
        let value = try require("RECOUVRE_SMTP")
        let parts = value.split(separator: ":")
        guard parts.count == 2, let port = Int(parts[1]) else { throw Missing(variable: "RECOUVRE_SMTP (host:port)") }
        return (String(parts[0]), port)
    }

    /// Directory where the SMTP server stores every message it accepts (a Maildir).
    public static func maildir() throws -> URL { URL(fileURLWithPath: try require("RECOUVRE_MAILDIR")) }
}
