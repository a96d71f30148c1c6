import ArgumentParser

/// `recouvrectl dispute …`.
struct DisputeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispute",
        abstract: "Open and resolve disputes (litiges).",
        discussion: """
            An open dispute takes its invoice (or, without --invoice, the whole debtor) out of collection.

            Example:
              recouvrectl dispute open --tenant acme --debtor CLI-1 --invoice FA-2026-0412 --reason "goods damaged"
              recouvrectl dispute resolve --tenant acme 7 --resume --note "photos show no damage"
            """,
        subcommands: [DisputeOpenCommand.self, DisputeResolveCommand.self]
    )
}
