import ArgumentParser

/// `recouvrectl plan …`: the preview of what the procedure will do (the default), and payment
/// plans.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Preview the procedure's timeline, or create a payment plan (échéancier).",
        discussion: """
            Examples:
              recouvrectl plan --tenant acme --debtor CLI-1
              recouvrectl plan create --tenant acme --debtor CLI-1 --instalment 2026-04-30=500.00 --instalment 2026-05-31=750.40
            """,
        subcommands: [PlanPreviewCommand.self, PlanCreateCommand.self],
        defaultSubcommand: PlanPreviewCommand.self
    )
}
