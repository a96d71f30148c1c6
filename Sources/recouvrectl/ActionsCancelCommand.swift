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
    @Argument(help: "The action's id.") var id: Int
    @Option(help: "The tenant's slug.") var tenant: String

    func validate() throws {
        try Validate.slug(tenant)
        try Validate.actionID(id)
    }

    func run() throws {
        try options.perform(
            { ActionReply(action: try $0.cancelAction(tenant: tenant, id: id)) },
            human: { "action \($0.action.id) of tenant '\(tenant)' is \($0.action.state)" })
    }
}
