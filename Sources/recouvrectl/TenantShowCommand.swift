import ArgumentParser
import ControlProtocol

/// `recouvrectl tenant show`.
struct TenantShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a tenant and how many of its actions are in each state.",
        discussion: """
            Example:
              recouvrectl tenant show acme
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var target: TenantTarget

    func run() throws {
        try options.perform(
            { try $0.getTenant(slug: target.slug) },
            human: { Describe.tenant($0.tenant) + "\n\nactions\n" + Describe.counts($0.actions) })
    }
}
