import ArgumentParser
import ControlProtocol

/// `recouvrectl migrate`.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending migrations to the control schema and every tenant schema.",
        discussion: """
            Safe to run again: applied migrations are skipped, and an interrupted run resumes \
            where it stopped.

            Example:
              recouvrectl migrate
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() throws {
        try options.perform(
            // Migrating thousands of tenant schemas takes minutes; the daemon answers when done.
            timeout: .seconds(3600),
            { MigrateReply(summary: try $0.migrate()) },
            human: {
                "control schema: \($0.summary.controlApplied) migration(s) applied\n"
                    + "tenants: \($0.summary.tenantsMigrated) of \($0.summary.tenantsTotal) migrated"
            })
    }
}
