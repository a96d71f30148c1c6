import ArgumentParser
import ControlProtocol
import Foundation

/// `recouvrectl tenant export`.
struct TenantExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Dump a tenant's schema with pg_dump, with its operator settings beside it.",
        discussion: """
            recouvrectl asks the daemon where the database is and for the tenant's settings, then \
            runs pg_dump itself under your own database credentials (PGUSER, PGPASSWORD, \
            ~/.pgpass, or --database CONNINFO): no password leaves the daemon and the dump never \
            travels through the control socket. It writes FILE (pg_dump's custom format, or plain \
            SQL with --format plain) and FILE.tenant.json: the tenant's row of recouvre.tenants and \
            its channel settings, without secrets. Restore into a database where recouvred has \
            created its operator schema (see docs/control-protocol.md).

            Examples:
              recouvrectl tenant export acme -o acme.dump
              recouvrectl tenant export acme --format plain -o acme.sql --database "host=db.internal dbname=recouvre user=ops"
              pg_restore --no-owner --dbname recouvre_scratch acme.dump
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: TenantTarget
    @Option(name: .shortAndLong, help: ArgumentHelp("The dump file (default: SLUG-YYYYMMDDTHHMMSSZ.dump, or .sql in plain format).",
                                                    valueName: "file"))
    var output: String?
    @Option(help: "custom (pg_restore's format; default) or plain (SQL for psql).") var format = "custom"
    @Option(help: ArgumentHelp("Connect pg_dump with this conninfo or URI instead of the daemon's database name, host and port.",
                               valueName: "conninfo"))
    var database: String?
    @Option(name: .customLong("pg-dump"), help: ArgumentHelp("The pg_dump to run (default: the first on PATH).", valueName: "path"))
    var pgDump: String?

    func validate() throws {
        guard ["custom", "plain"].contains(format) else {
            throw ValidationError("--format \(format): use custom (for pg_restore) or plain (SQL for psql)")
        }
        if let output, output.isEmpty || output == "-" {
            throw ValidationError("-o needs a file name: the dump and its settings file are written side by side")
        }
    }

    func run() throws {
        let slug = target.slug
        let file = output ?? Self.defaultName(slug: slug, format: format)
        let format = self.format, database = self.database
        let pgDump = try self.pgDump ?? Self.onPath("pg_dump")
        try options.perform({ client in
            let export = try client.describeTenantExport(slug: slug)
            let conninfo = database ?? Self.conninfo(export)
            try Self.dump(pgDump: pgDump, conninfo: conninfo, schema: export.schema, format: format, to: file)
            let manifest = TenantExportManifest(
                exportedAt: Date().formatted(.iso8601), format: format, dump: URL(fileURLWithPath: file).lastPathComponent,
                schema: export.schema, tenant: export.tenant, channels: export.channels)
            let settingsFile = file + ".tenant.json"
            try Self.write(manifest, to: settingsFile)
            let bytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
            return TenantExportReply(export: export, file: file, settingsFile: settingsFile, format: format, bytes: bytes)
        }, human: { reply in
            let restore = reply.format == "custom" ? "pg_restore --no-owner --dbname DATABASE \(reply.file)"
                : "psql --dbname DATABASE --file \(reply.file)"
            return """
                tenant '\(reply.export.tenant.slug)' exported: schema \(reply.export.schema) to \(reply.file) \
                (\(reply.format) format, \(reply.bytes) bytes), settings to \(reply.settingsFile)
                restore with: \(restore)
                """
        })
    }

    /// E.g. `acme-20261130T152000Z.dump`.
    static func defaultName(slug: String, format: String) -> String {
        let stamp = Date().formatted(.iso8601).filter { $0 != Character("-") && $0 != Character(":") }
        return "\(slug)-\(stamp).\(format == "plain" ? "sql" : "dump")"
    }

    /// A conninfo naming the daemon's database, host and port, and nothing else: the user and
    /// password are the operator's own (PGUSER, PGPASSWORD, ~/.pgpass).
    static func conninfo(_ export: TenantExportInfo) -> String {
        func quoted(_ value: String) -> String {
            "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        }
        var parts = ["dbname=" + quoted(export.database)]
        if let host = export.host, !host.isEmpty { parts.append("host=" + quoted(host)) }
        if let port = export.port, !port.isEmpty { parts.append("port=" + quoted(port)) }
        return parts.joined(separator: " ")
    }

    /// The first executable called `name` on PATH.
    static func onPath(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw CommandFailure(
            message: "\(name) not found on PATH: install the PostgreSQL client (Debian: postgresql-client, the server's major version or later), or give --pg-dump PATH",
            status: ExitStatus.refused)
    }

    /// Runs pg_dump; its own message when it fails.
    static func dump(pgDump: String, conninfo: String, schema: String, format: String, to file: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pgDump)
        // A password in the conninfo is one the operator typed on their own command line;
        // the daemon's description never holds one.
        process.arguments = ["--dbname", conninfo, "--schema", schema, "--format", format, "--file", file]
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw CommandFailure(message: "cannot run \(pgDump): \(error.localizedDescription)", status: ExitStatus.refused)
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        try? errors.fileHandleForReading.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            try? FileManager.default.removeItem(atPath: file)
            let text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw CommandFailure(message: "pg_dump failed (exit \(process.terminationStatus)): \(text)", status: ExitStatus.refused)
        }
    }

    static func write(_ manifest: TenantExportManifest, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard FileManager.default.createFile(atPath: path, contents: try encoder.encode(manifest) + Data("\n".utf8)) else {
            throw CommandFailure(message: "cannot write \(path)", status: ExitStatus.refused)
        }
    }
}

/// The settings file written beside a tenant's dump.
struct TenantExportManifest: Codable {
    var exportedAt: String
    /// pg_dump's format: custom or plain.
    var format: String
    /// The dump's file name, in the same directory.
    var dump: String
    var schema: String
    /// The tenant's row of recouvre.tenants.
    var tenant: TenantInfo
    /// Its channel settings, without secrets.
    var channels: TenantChannelsInfo
}

/// What `tenant export --json` prints.
struct TenantExportReply: Encodable {
    var export: TenantExportInfo
    var file: String
    var settingsFile: String
    var format: String
    var bytes: Int
}
