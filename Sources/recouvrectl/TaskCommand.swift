import ArgumentParser

/// `recouvrectl task …`.
struct TaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "List and complete collectors' tasks: calls, approvals, hand-offs.",
        discussion: """
            Example:
              recouvrectl task list --tenant acme
              recouvrectl task complete --tenant acme 12 --reached yes --reason cash_flow --next continue
              recouvrectl task complete --tenant acme 13 --approve
            """,
        subcommands: [TaskListCommand.self, TaskCompleteCommand.self]
    )
}
