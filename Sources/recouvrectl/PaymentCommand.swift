import ArgumentParser

/// `recouvrectl payment …`.
struct PaymentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payment",
        abstract: "Record money received from a debtor; match bank credits by hand.",
        discussion: """
            Example:
              recouvrectl payment record --tenant acme --debtor CLI-1 250.00 --invoice FA-2026-0412
              recouvrectl payments unmatched --tenant acme
            """,
        subcommands: [PaymentRecordCommand.self, PaymentUnmatchedCommand.self, PaymentAssignCommand.self,
                      PaymentIgnoreCommand.self],
        aliases: ["payments"]
    )
}
