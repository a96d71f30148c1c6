import ArgumentParser
import ControlProtocol

/// `recouvrectl actions cancel`.
struct ActionsCancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a scheduled or failed action.",
        discussion: """
            Example:
              recouvrectl actions cancel 4812 --tenant acme
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ActionTarget

    func run() throws {
        try options.perform(
            { ActionReply(action: try $0.cancelAction(tenant: target.tenant, id: target.id)) },
            human: { "action \($0.action.id) of tenant '\(target.tenant)' is \($0.action.state)" })
    }
}
