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
        // Kept for reloads, which read the same file, environment and flags again.
        let source = ConfigurationSource(path: config, environment: ProcessInfo.processInfo.environment,
                                         databaseOverride: database, socketOverride: socket)
        let settings: DaemonConfiguration
        do {
            settings = try source.load()
        } catch {
            FileHandle.standardError.write(Data("recouvred: \(error)\n".utf8))
            throw ExitCode(1)
        }
        if checkConfig {
            print("configuration is valid: socket \(settings.socketPath), \(settings.workers) workers")
            return
        }
        do {
            try await Daemon(configuration: settings, source: source).run()
        } catch {
            FileHandle.standardError.write(Data("recouvred: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
