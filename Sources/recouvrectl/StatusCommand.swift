import ArgumentParser
import ControlProtocol

/// `recouvrectl status`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show whether recouvred is ready, how busy it is and its last pass.",
        discussion: """
            Exits 3 when the daemon cannot be reached, which makes it a liveness check.

            Example:
              recouvrectl status
              recouvrectl status --json | jq .status.ready
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try options.perform({ GetStatusReply(status: try $0.getStatus()) }, human: { Describe.status($0.status) })
    }
}
