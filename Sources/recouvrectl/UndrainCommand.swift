import ArgumentParser
import ControlProtocol

/// `recouvrectl undrain`.
struct UndrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undrain",
        abstract: "Let a drained recouvred claim work again.",
        discussion: """
            Refused while the daemon is shutting down.

            Example:
              recouvrectl undrain
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try options.perform({ try $0.undrain() }, human: Describe.drain)
    }
}
