import ArgumentParser
import ControlProtocol

/// `recouvrectl task list`.
struct TaskListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List tasks, earliest deadline first.",
        discussion: """
            Example:
              recouvrectl task list --tenant acme --kind call
              recouvrectl task list --tenant acme --state all --json
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Option(help: "open (default), done, cancelled or all.") var state: String?
    @Option(help: "call, approval, agency_handoff, small_claims or court_file.") var kind: String?

    var parameters: ListTasksParameters { ListTasksParameters(tenant: tenant, state: state, kind: kind) }

    func validate() throws { try Validate.parameters(parameters) }

    func run() throws {
        let parameters = self.parameters
        try options.perform({ ListTasksReply(tasks: try $0.listTasks(parameters)) }, human: { Describe.tasks($0.tasks) })
    }
}
