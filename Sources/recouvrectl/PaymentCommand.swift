import ArgumentParser

/// `recouvrectl payment …`.
struct PaymentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment",
        abstract: "Record money received from a debtor.",
        discussion: """
            Example:
              recouvrectl payment record --tenant acme --debtor CLI-1 250.00 --invoice FA-2026-0412
            """,
        subcommands: [PaymentRecordCommand.self]
    )
}
