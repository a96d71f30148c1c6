import Foundation

/// The database password, read from a file rather than written in the configuration:
/// `database.password_file`, or else the credential systemd passes with
/// `LoadCredential=db-password:/etc/recouvre/db-password` (`$CREDENTIALS_DIRECTORY/db-password`).
/// It reaches libpq as the `password` keyword of the conninfo, never an environment variable
/// (which other processes of the same user could read from /proc) and never a log line.
public enum DatabasePassword {
    /// The credential name `recouvred.service` loads.
    public static let credentialName = "db-password"

    /// The file holding the password: `configured` when set, else the systemd credential when
    /// it exists, else nil (libpq then uses ~/.pgpass, PGPASSFILE, or no password at all).
    public static func file(configured: String, environment: [String: String]) -> String? {
        if !configured.isEmpty { return configured }
        guard let directory = environment["CREDENTIALS_DIRECTORY"], !directory.isEmpty else { return nil }
        let path = URL(fileURLWithPath: directory).appendingPathComponent(credentialName).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The password in `path`, without the line ending an editor or `echo` leaves; nil when
    /// the file is empty, so that an empty credential file means "no password" (peer or
    /// certificate authentication).
    public static func read(path: String) throws(ConfigurationError) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(file: path, line: nil, message: """
                cannot read the database password file; it must be readable by the daemon's user \
                (with systemd, LoadCredential= makes it so)
                """)
        }
        var text = String(decoding: data, as: UTF8.self)
        // "\r\n" is one Character, which isNewline covers.
        while text.last?.isNewline == true { text.removeLast() }
        return text.isEmpty ? nil : text
    }

    /// `conninfo` with `password` added: a query parameter of a `postgresql://` URL, else a
    /// quoted keyword, which libpq lets override an earlier one.
    public static func conninfo(_ conninfo: String, password: String) -> String {
        if conninfo.hasPrefix("postgresql://") || conninfo.hasPrefix("postgres://") {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let encoded = password.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
            return conninfo + (conninfo.contains("?") ? "&" : "?") + "password=" + encoded
        }
        let escaped = password.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        let keyword = "password='\(escaped)'"
        return conninfo.isEmpty ? keyword : conninfo + " " + keyword
    }
}

extension DaemonConfiguration {
    /// This configuration with the database password, if one is given as a file, added to
    /// `databaseConninfo`. Called by `ConfigurationSource.load()` after the flags were applied,
    /// so that `--database` and `RECOUVRE_DATABASE` get the password too.
    public func resolvingDatabasePassword(environment: [String: String]) throws(ConfigurationError) -> DaemonConfiguration {
        guard let path = DatabasePassword.file(configured: databasePasswordFile, environment: environment),
              let password = try DatabasePassword.read(path: path) else { return self }
        var resolved = self
        resolved.databaseConninfo = DatabasePassword.conninfo(databaseConninfo, password: password)
        return resolved
    }
}
