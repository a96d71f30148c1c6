import ArgumentParser
import ControlProtocol

/// `recouvrectl reload`.
struct ReloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Re-read recouvred's configuration file and apply what can change while it runs.",
        discussion: """
            Same as `systemctl reload recouvred` (SIGHUP). Log level and format, the default \
            relay and sender, retries and timeouts, the sending calendar, rate limits, the letter \
            spool and the scheduler's batch size and poll interval apply at once. Changes to the \
            database, the control socket, the workers, the lease, the HELO name or the CA file \
            are listed as needing a restart and keep their running value.

            A file with an error is refused whole: the running configuration stays, the command \
            exits 1 with the file, line and what is wrong, and `recouvrectl status` shows it \
            until a reload succeeds.

            Example:
              recouvrectl reload
              recouvrectl reload --json | jq -r '.needsRestart[]'
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try options.perform({ try $0.reload() }, human: Describe.reload)
    }
}
