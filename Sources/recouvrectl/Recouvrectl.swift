import ArgumentParser
import ControlProtocol
import Foundation

/// `recouvrectl`: drives a running recouvred over its control socket.
@main
struct Recouvrectl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recouvrectl",
        abstract: "Control a running recouvred: status, tenants, actions, migrations, cases and policies.",
        discussion: """
            Talks to recouvred over its varlink control socket (\(RecouvreSocket.defaultPath) \
            unless --socket or RECOUVRE_SOCKET says otherwise). Add --json to any command for \
            stable, machine-readable output (docs/control-protocol.md lists each shape). Tables \
            are coloured on a terminal unless NO_COLOR is set or --no-color is given.

            Exit codes: 0 done; 1 the daemon refused or failed; 2 usage error; \
            3 the daemon cannot be reached.

            Example:
              recouvrectl status
              recouvrectl tenant create acme --name "ACME SAS" --locale fr
            """,
        version: VarlinkServiceInfo.defaultVersion,
        subcommands: [
            StatusCommand.self, TenantCommand.self, ActionsCommand.self, RunNowCommand.self, MigrateCommand.self,
            CaseCommand.self, PaymentCommand.self, PromiseCommand.self, PlanCommand.self, DisputeCommand.self,
            ReductionCommand.self, TaskCommand.self, PolicyCommand.self, LetterCommand.self, MetricsCommand.self,
            ReloadCommand.self, DrainCommand.self, UndrainCommand.self, LogLevelCommand.self, WatchCommand.self,
            ImportCommand.self,
        ]
    )

    /// Parses, runs, and exits with the documented codes; ArgumentParser's own usage
    /// code (64) becomes 2.
    static func main() {
        do {
            var command = try parseAsRoot(GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst())))
            try command.run()
            ExitStatus.terminate(ExitStatus.success)
        } catch let failure as CommandFailure {
            Console.error(failure.prefixed ? "recouvrectl: " + failure.message : failure.message)
            ExitStatus.terminate(failure.status)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                ExitStatus.terminate(ExitStatus.success)
            }
            if !message.isEmpty { Console.error(message) }
            ExitStatus.terminate(code == .validationFailure ? ExitStatus.usage : code.rawValue)
        }
    }
}
