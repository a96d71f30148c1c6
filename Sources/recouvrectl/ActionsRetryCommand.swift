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
    @Argument(help: "The action's id.") var id: Int
    @Option(help: "The tenant's slug.") var tenant: String

    func validate() throws {
        try Validate.slug(tenant)
        try Validate.actionID(id)
    }

    func run() throws {
        try options.perform(
            { ActionReply(action: try $0.retryAction(tenant: tenant, id: id)) },
            human: { "action \($0.action.id) of tenant '\(tenant)' is \($0.action.state), due \($0.action.dueAt)" })
    }
}
