import ArgumentParser

/// `recouvrectl tenant …`.
struct TenantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant",
        abstract: "Create, list, show, change, pause, resume, export and drop tenants.",
        discussion: """
            A tenant is one creditor, with its own database schema tenant_<slug>. Slugs start \
            with a lowercase letter and contain 2–40 lowercase letters, digits or underscores.

            Example:
              recouvrectl tenant list
            """,
        subcommands: [
            TenantCreateCommand.self, TenantListCommand.self, TenantShowCommand.self, TenantSetCommand.self,
            TenantChannelsCommand.self, TenantPauseCommand.self, TenantResumeCommand.self,
            TenantRenameDisplayCommand.self, TenantExportCommand.self, TenantDropCommand.self,
        ]
    )
}
