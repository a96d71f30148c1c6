import ArgumentParser
import ControlProtocol

/// `recouvrectl actions retry`.
struct ActionsRetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Schedule a failed or dead action again, due now.",
        discussion: """
            Example:
              recouvrectl actions retry 4812 --tenant acme
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: ActionTarget

    func run() throws {
        try options.perform(
            { ActionReply(action: try $0.retryAction(tenant: target.tenant, id: target.id)) },
            human: { "action \($0.action.id) of tenant '\(target.tenant)' is \($0.action.state), due \($0.action.dueAt)" })
    }
}
