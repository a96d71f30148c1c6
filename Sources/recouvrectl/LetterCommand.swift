import ArgumentParser

/// `recouvrectl letter …`.
struct LetterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letter",
        abstract: "Letters and court files the daemon produced.",
        discussion: """
            Letters, court files and agency letters are kept in the daemon's letter spool, \
            under the step's action id.

            Example:
              recouvrectl letter get --tenant acme 42 --output mise-en-demeure.pdf
            """,
        subcommands: [LetterGetCommand.self]
    )
}
