import Foundation
import Logging

/// Re-reads the configuration the daemon was started with (SIGHUP, `recouvrectl reload`) and
/// applies what can change at runtime; see ``ConfigurationChange`` for which settings wait for
/// a restart. A file that does not load is refused as a whole: the running configuration stays,
/// and the error is kept for `status` until a later reload succeeds.
///
/// systemd is told around it (`Type=notify-reload`): `RELOADING=1` with `MONOTONIC_USEC`, then
/// `READY=1` whatever the outcome, since the daemon goes on running either way. One reload at
/// a time: the actor serialises a signal and a command that arrive together.
actor Reloader {
    let source: ConfigurationSource?
    let current: CurrentConfiguration
    let logSettings: LogSettings
    let state: DaemonState
    let notifier: SystemdNotifier
    let logger: Logger

    init(source: ConfigurationSource?, current: CurrentConfiguration, logSettings: LogSettings, state: DaemonState,
         notifier: SystemdNotifier, logger: Logger) {
        self.source = source
        self.current = current
        self.logSettings = logSettings
        self.state = state
        self.notifier = notifier
        self.logger = logger
    }

    /// Why a reload was refused: the loader's message, naming the file and line.
    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    /// Reloads; returns what changed, or throws ``Refused``.
    func reload(trigger: String) throws -> ConfigurationChange {
        notifier.reloading()
        defer { notifier.ready(status: readyStatus()) }
        let read: DaemonConfiguration
        do {
            guard let source else { throw Refused(description: "the daemon was not started from a configuration it can read again") }
            read = try source.load()
        } catch {
            let message = "\(error)"
            state.recordReload(.init(at: Date(), error: message, needsRestart: state.lastReload?.needsRestart ?? []))
            logger.error("configuration refused; the running one is kept", metadata: ["trigger": "\(trigger)", "error": "\(message)"])
            throw Refused(description: message)
        }
        let change = ConfigurationChange(running: current.snapshot, read: read)
        current.replace(with: change.effective)
        logSettings.format = change.effective.logFormat
        logSettings.level = Logger.Level(rawValue: change.effective.logLevel) ?? .info
        state.recordReload(.init(at: Date(), error: nil, needsRestart: change.needsRestart))
        logger.notice("configuration reloaded", metadata: [
            "trigger": "\(trigger)", "applied": "\(change.applied.joined(separator: ","))",
            "needs_restart": "\(change.needsRestart.joined(separator: ","))",
        ])
        if !change.needsRestart.isEmpty {
            logger.warning("changed settings need a restart; they keep their running value until then",
                           metadata: ["settings": "\(change.needsRestart.joined(separator: ","))"])
        }
        return change
    }

    private func readyStatus() -> String {
        let configuration = current.snapshot
        return (state.draining ? "draining: " : "")
            + "working \(configuration.workers) workers, polling every \(configuration.pollInterval)"
    }
}
