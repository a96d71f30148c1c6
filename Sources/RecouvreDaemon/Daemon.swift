import ControlProtocol
import Foundation
import Logging
import Postgres
import RecouvreChannels
import RecouvreCore
import RecouvreStore
import ServiceLifecycle

/// `recouvred`: connects to PostgreSQL, applies the operator-schema migrations, opens the
/// control socket, tells systemd it is ready, and runs the scheduler until SIGTERM or SIGINT.
public struct Daemon: Sendable {
    /// The version reported by `GetStatus`, `GetInfo` and `--version` (one number for the
    /// daemon and recouvrectl).
    public static let version = VarlinkServiceInfo.defaultVersion

    public let configuration: DaemonConfiguration
    /// Where `configuration` was read from, read again on reload; nil when it cannot be.
    public let source: ConfigurationSource?

    public init(configuration: DaemonConfiguration, source: ConfigurationSource? = nil) {
        self.configuration = configuration
        self.source = source
    }

    /// Runs until asked to stop; returns normally after a clean shutdown.
    public func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let logSettings = LogSettings(level: Logger.Level(rawValue: configuration.logLevel) ?? .info,
                                      format: configuration.logFormat)
        let logger = Self.makeLogger(settings: logSettings,
                                     output: .standardError(journal: JournalStream.isStandardError(environment: environment)))
        let notifier = SystemdNotifier()
        let state = DaemonState()
        let current = CurrentConfiguration(configuration)
        notifier.status("connecting to the database")

        let startup = PostgresClient(conninfo: configuration.databaseConninfo, applicationName: "recouvred startup",
                                     backoff: Backoff(maxAttempts: configuration.startupAttempts))
        let migrator = Migrator()
        let applyMigrations = configuration.applyMigrationsAtStart
        let applied = try await startup.withConnection { c in
            applyMigrations ? try migrator.migrateControl(c) : 0
        }
        await startup.close()
        state.databaseReachable(true)
        logger.info("database ready", metadata: ["control_migrations_applied": "\(applied)"])

        let owner = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
        let queue = WorkQueue(owner: owner, lease: configuration.lease)
        let metrics = DaemonMetrics()
        let runner = ActionRunner(owner: owner, configuration: configuration, renderer: try ReminderRenderer(),
                                  logger: logger, now: { Date() }, metrics: metrics)
        let reloader = Reloader(source: source, current: current, logSettings: logSettings, state: state,
                                notifier: notifier, logger: logger)
        let control = ControlService(settings: current, state: state, reloader: reloader, logSettings: logSettings,
                                     logger: logger, registry: TenantRegistry(migrator: migrator), queue: queue,
                                     version: Self.version, metrics: metrics)
        var access = PeerAccess.default
        access.uids.formUnion(configuration.allowedUIDs)
        access.gids.formUnion(configuration.allowedGIDs)
        let activation = SocketActivation(environment: ProcessInfo.processInfo.environment)
        let server: ControlServer
        if let descriptor = activation.controlSocket {
            // systemd owns the socket file (recouvred.socket); serve the descriptor it passed.
            server = ControlServer(adoptingListeningDescriptor: descriptor, handler: control, access: access,
                                   info: .recouvred(version: Self.version))
        } else {
            server = ControlServer(path: configuration.socketPath, handler: control, access: access,
                                   info: .recouvred(version: Self.version))
        }
        do {
            try server.start()
        } catch {
            await control.close()
            throw DaemonStartupError(description: """
                cannot open the control socket: \(error). Check that its directory exists and is writable \
                (systemd creates /run/recouvre with RuntimeDirectory=recouvre), or choose another path with \
                --socket or control.socket
                """)
        }
        if let descriptor = activation.controlSocket {
            logger.info("control socket passed by systemd", metadata: ["fd": "\(descriptor)"])
        } else {
            logger.info("control socket open", metadata: ["path": "\(configuration.socketPath)"])
        }

        let scheduler = Scheduler(settings: current, queue: queue, runner: runner, state: state,
                                  notifier: notifier, logger: logger)
        metrics.watch(scheduler.databaseClients)
        let metricsListener = try await startMetricsListener(control: control, server: server, logger: logger)
        // Made before READY=1: from then on SIGHUP reloads.
        let reloadSignal = ReloadSignal(reloader: reloader)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: scheduler), .init(service: reloadSignal)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        state.markReady()
        notifier.ready(status: "working \(configuration.workers) workers, polling every \(configuration.pollInterval)")
        logger.info("recouvred ready", metadata: ["version": "\(Self.version)", "owner": "\(owner)"])

        do {
            try await group.run()
        } catch {
            metricsListener?.close()
            server.stop()
            await control.close()
            throw error
        }
        notifier.stopping()
        metricsListener?.close()
        server.stop()
        await control.close()
        logger.info("recouvred stopped")
    }

    /// Every logger of the process, ours and the libraries', writes through one
    /// ``StructuredLogHandler`` with the shared level and format.
    static func makeLogger(settings: LogSettings, output: LogOutput) -> Logger {
        LoggingSystem.bootstrap { _ in StructuredLogHandler(settings: settings, output: output) }
        return Logger(label: "recouvred")
    }
}

/// Why the daemon could not start, with what to do about it.
public struct DaemonStartupError: Error, CustomStringConvertible {
    public let description: String
}
