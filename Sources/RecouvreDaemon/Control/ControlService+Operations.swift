import ControlProtocol
import Foundation
import Logging
import RecouvreStore

/// Reload, drain and log level: what operators change on a running daemon.
extension ControlService {
    /// A service with a fixed configuration, which cannot be reloaded (no file to read again).
    convenience init(configuration: DaemonConfiguration, state: DaemonState, registry: TenantRegistry, queue: WorkQueue,
                     version: String) {
        let settings = CurrentConfiguration(configuration)
        let logSettings = LogSettings(level: Logger.Level(rawValue: configuration.logLevel) ?? .info, format: configuration.logFormat)
        let logger = Logger(label: "recouvred")
        let reloader = Reloader(source: nil, current: settings, logSettings: logSettings, state: state,
                                notifier: SystemdNotifier(environment: [:]), logger: logger)
        self.init(settings: settings, state: state, reloader: reloader, logSettings: logSettings, logger: logger,
                  registry: registry, queue: queue, version: version)
    }

    func reload() async throws -> ReloadReply {
        do {
            let change = try await reloader.reload(trigger: "recouvrectl")
            return ReloadReply(applied: change.applied, needsRestart: change.needsRestart)
        } catch let refused as Reloader.Refused {
            throw ControlError.failed(reason: "configuration not reloaded, the running one is kept: \(refused.description)")
        }
    }

    func drain() async throws -> DrainReply {
        if !state.requestDrain() {
            logger.notice("draining: no new work is claimed; the actions in flight finish",
                          metadata: ["in_flight": "\(state.inFlight)"])
        }
        return drainReply()
    }

    func undrain() async throws -> DrainReply {
        guard !state.stopping else {
            throw ControlError.failed(reason: "the daemon is shutting down; it will not claim work again")
        }
        if state.draining {
            state.cancelDrain()
            logger.notice("drain cancelled: claiming work again")
        }
        return drainReply()
    }

    func setLogLevel(_ level: String) async throws -> SetLogLevelReply {
        guard let new = Logger.Level(rawValue: level) else {
            throw ControlError.invalidArgument(field: "level", reason: "'\(level)' is not a level")
        }
        let previous = logSettings.level
        logSettings.level = new
        // Said at notice so that it shows whatever the old and new levels are, short of error.
        logger.notice("log level changed", metadata: ["level": "\(new.rawValue)", "previous": "\(previous.rawValue)"])
        return SetLogLevelReply(level: new.rawValue, previous: previous.rawValue)
    }

    private func drainReply() -> DrainReply {
        DrainReply(draining: state.draining, inFlight: state.inFlight, drained: state.drained)
    }

    /// The status fields of reload, drain and logging.
    func addOperations(to status: inout DaemonStatus) {
        status.drained = state.drained
        status.inFlightActions = state.inFlightActions
        let log = logSettings.snapshot
        status.logLevel = log.level.rawValue
        status.logFormat = log.format.rawValue
        status.lastReload = state.lastReload.map {
            ReloadInfo(at: Self.iso($0.at), ok: $0.error == nil, error: $0.error, needsRestart: $0.needsRestart)
        }
    }
}
