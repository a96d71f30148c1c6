import ArgumentParser
import ControlProtocol

/// `recouvrectl tenant pause`.
struct TenantPauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pause",
        abstract: "Stop executing a tenant's actions; they stay scheduled.",
        discussion: """
            Pausing a paused tenant does nothing. Resume with `recouvrectl tenant resume`.

            Example:
              recouvrectl tenant pause acme
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: TenantTarget

    func run() throws {
        try options.perform(
            { TenantReply(tenant: try $0.pauseTenant(slug: target.slug)) },
            human: { "tenant '\($0.tenant.slug)' is \($0.tenant.status)" })
    }
}
