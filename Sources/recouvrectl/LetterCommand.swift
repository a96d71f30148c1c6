import ArgumentParser

/// `recouvrectl letter …`.
struct LetterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letter",
        abstract: "Letters and court files the daemon produced.",
        subcommands: [LetterGetCommand.self]
    )
}
