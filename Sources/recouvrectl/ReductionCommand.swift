import ArgumentParser

/// `recouvrectl reduction …`.
struct ReductionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reduction",
        abstract: "Grant reductions (remises), credit notes and write-offs.",
        discussion: """
            Example:
              recouvrectl reduction grant --tenant acme --invoice FA-2026-0412 100.00 --reason "late delivery"
              recouvrectl reduction grant --tenant acme --invoice FA-2026-0413 --kind write_off --reason "insolvent"
            """,
        subcommands: [ReductionGrantCommand.self]
    )
}
