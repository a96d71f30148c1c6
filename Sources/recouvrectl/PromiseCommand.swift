import ArgumentParser

/// `recouvrectl promise …`.
struct PromiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promise",
        abstract: "Record a debtor's promise to pay.",
        discussion: """
            Example:
              recouvrectl promise add --tenant acme --debtor CLI-1 500.00 --date 2026-04-15
            """,
        subcommands: [PromiseAddCommand.self]
    )
}
