import ArgumentParser
import ControlProtocol

/// `recouvrectl actions list`.
struct ActionsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List a tenant's actions, newest first.",
        discussion: """
            Example:
              recouvrectl actions list --tenant acme --state failed --limit 20
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Option(help: "Only actions in this state: scheduled, running, succeeded, failed, cancelled or dead.")
    var state: String?
    @Option(help: "At most this many actions, 1 to 1000 (default 100).") var limit: Int?

    func validate() throws {
        try Validate.slug(tenant)
        try Validate.state(state)
        try Validate.limit(limit)
    }

    func run() throws {
        let parameters = ListActionsParameters(tenant: tenant, state: state, limit: limit)
        try options.perform(
            { ListActionsReply(actions: try $0.listActions(parameters)) }, human: { Describe.actions($0.actions) })
    }
}
