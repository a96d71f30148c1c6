import ArgumentParser

/// `recouvrectl case …`.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Show a debtor's collection case.",
        discussion: """
            A case is open while a debtor has overdue money outstanding; it follows a policy's steps.

            Example:
              recouvrectl case show --tenant acme --debtor CLI-1
            """,
        subcommands: [CaseShowCommand.self]
    )
}
