import ArgumentParser

/// `recouvrectl actions …`.
struct ActionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions",
        abstract: "List, retry and cancel a tenant's actions.",
        discussion: """
            Actions are the steps of collection plans: reminders, letters, call tasks. States: \
            scheduled, running, succeeded, failed, cancelled, dead.

            Example:
              recouvrectl actions list --tenant acme --state dead
            """,
        subcommands: [ActionsListCommand.self, ActionsRetryCommand.self, ActionsCancelCommand.self]
    )
}
