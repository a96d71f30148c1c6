import ArgumentParser
import ControlProtocol

/// `recouvrectl log-level`.
struct LogLevelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log-level",
        abstract: "Change recouvred's log level while it runs.",
        discussion: """
            Levels, most verbose first: \(SetLogLevelParameters.levels.joined(separator: ", ")). \
            The change lasts until the next reload or restart, which apply log.level from the \
            configuration file. `recouvrectl status` shows the level in force.

            Example:
              recouvrectl log-level debug
              recouvrectl log-level info
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The new level.") var level: String

    func validate() throws {
        guard SetLogLevelParameters.levels.contains(level) else {
            throw ValidationError("'\(level)' is not a level; use one of \(SetLogLevelParameters.levels.joined(separator: ", "))")
        }
    }

    func run() throws {
        try options.perform({ try $0.setLogLevel(level) }, human: { "log level \($0.level) (was \($0.previous))" })
    }
}
