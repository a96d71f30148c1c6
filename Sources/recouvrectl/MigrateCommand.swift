import ArgumentParser
import ControlProtocol
import Foundation

/// `recouvrectl migrate`.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending migrations to the control schema and every tenant schema.",
        discussion: """
            Safe to run again: applied migrations are skipped, and an interrupted run resumes \
            where it stopped. Tenants are migrated --batch at a time; between batches a progress \
            bar is drawn on a terminal, and one line per batch is printed otherwise.

            Example:
              recouvrectl migrate
              recouvrectl migrate --batch 500 2>&1 | tee migrate.log
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "Tenant schemas migrated per call, 1 to 1000.") var batch = 100

    func validate() throws {
        guard (1...1000).contains(batch) else { throw ValidationError("--batch takes 1 to 1000 tenants") }
    }

    func run() throws {
        let batch = self.batch
        let bar = !options.json && Terminal.stdoutIsTerminal
        let plainLines = !options.json && !bar
        try options.perform(
            // One batch of schemas takes seconds; a slow one on a busy cluster, minutes.
            timeout: .seconds(3600),
            { client -> MigrateReply in
                var summary = MigrationSummary(controlApplied: 0, tenantsMigrated: 0, tenantsTotal: 0)
                var before: Int?
                while true {
                    let progress = try client.migrateBatch(limit: batch)
                    summary.controlApplied += progress.controlApplied
                    summary.tenantsMigrated += progress.migrated
                    summary.tenantsTotal = progress.total
                    if before == nil, summary.controlApplied > 0, !options.json {
                        options.show("control schema: \(summary.controlApplied) migration(s) applied")
                    }
                    let goal = summary.tenantsMigrated + progress.remaining
                    if bar, goal > 0 {
                        FileHandle.standardOutput.write(Data(("\r" + Self.bar(done: summary.tenantsMigrated, of: goal)).utf8))
                    } else if plainLines, goal > 0 {
                        options.show("tenants: \(summary.tenantsMigrated) of \(goal) migrated, \(progress.remaining) to go")
                    }
                    if progress.remaining == 0 { break }
                    // A batch that moves nothing forward would loop for ever: stop and say so.
                    if let before, progress.remaining >= before {
                        throw CommandFailure(message: """
                            \(progress.remaining) tenant schemas stay behind after a batch: check the daemon's log, \
                            then run recouvrectl migrate again
                            """, status: ExitStatus.refused)
                    }
                    before = progress.remaining
                }
                if bar, summary.tenantsMigrated > 0 { FileHandle.standardOutput.write(Data("\n".utf8)) }
                return MigrateReply(summary: summary)
            },
            human: {
                "control schema: \($0.summary.controlApplied) migration(s) applied\n"
                    + "tenants: \($0.summary.tenantsMigrated) of \($0.summary.tenantsTotal) migrated"
            })
    }

    /// `[#########...........]  450/1000 tenants`, 30 cells wide.
    static func bar(done: Int, of total: Int) -> String {
        let width = 30
        let filled = total == 0 ? width : min(width, done * width / total)
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]  "
            + "\(done)/\(total) tenants"
    }
}
