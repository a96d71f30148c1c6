import ArgumentParser
import Foundation
import RecouvreDaemon

/// The collections daemon.
@main
struct Recouvred: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recouvred",
        abstract: "Recouvre's collections daemon: executes due reminders for every tenant.",
        discussion: """
            Settings come from the configuration file, then RECOUVRE_* environment variables, then \
            these flags. See deploy/recouvred.conf for every setting.

            Example:
              recouvred --config /etc/recouvre/recouvred.conf
              recouvred --database "host=/run/postgresql dbname=recouvre" --socket /tmp/recouvre.sock
            """,
        version: Daemon.version)

    @Option(name: .long, help: ArgumentHelp("Configuration file.", valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("libpq conninfo or URL of the database (overrides database.conninfo).", valueName: "CONNINFO"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp("Path of the control socket (overrides control.socket).", valueName: "PATH"))
    var socket: String?

    @Flag(name: .long, help: "Check the configuration, print it, and exit.")
    var checkConfig = false

    func run() async throws {
        var settings: DaemonConfiguration
        do {
            settings = try DaemonConfiguration.load(path: config, environment: ProcessInfo.processInfo.environment)
        } catch {
            FileHandle.standardError.write(Data("recouvred: \(error)\n".utf8))
            throw ExitCode(1)
        }
        if let database { settings.databaseConninfo = database }
        if let socket { settings.socketPath = socket }
        if checkConfig {
            print("configuration is valid: socket \(settings.socketPath), \(settings.workers) workers")
            return
        }
        do {
            // The password file is read here, after --database, so that it applies to any conninfo.
            try await Daemon(configuration: settings.resolvingDatabasePassword(environment: ProcessInfo.processInfo.environment)).run()
        } catch {
            FileHandle.standardError.write(Data("recouvred: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
