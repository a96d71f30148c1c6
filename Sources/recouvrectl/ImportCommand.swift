import ArgumentParser

/// `recouvrectl import …`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import files a creditor or its bank sends.",
        discussion: """
            Example:
              recouvrectl import statement --tenant acme releve-2026-03-03.xml
            """,
        subcommands: [ImportStatementCommand.self]
    )
}
