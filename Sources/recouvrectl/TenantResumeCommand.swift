import ArgumentParser
import ControlProtocol

/// `recouvrectl tenant resume`.
struct TenantResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Execute a paused tenant's actions again.",
        discussion: """
            Actions that fell due while paused run at the next pass (or now, with `recouvrectl run-now`).

            Example:
              recouvrectl tenant resume acme
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: TenantTarget

    func run() throws {
        try options.perform(
            { TenantReply(tenant: try $0.resumeTenant(slug: target.slug)) },
            human: { "tenant '\($0.tenant.slug)' is \($0.tenant.status)" })
    }
}
