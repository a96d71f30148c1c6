import ArgumentParser

/// `recouvrectl plan …`: payment plans. `plan` itself, without a subcommand, is kept for the
/// timeline preview of what the procedure will do, so no default subcommand is set here.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Payment plans (échéanciers).",
        discussion: """
            Example:
              recouvrectl plan create --tenant acme --debtor CLI-1 --instalment 2026-04-30=500.00 --instalment 2026-05-31=750.40
            """,
        subcommands: [PlanCreateCommand.self]
    )
}
