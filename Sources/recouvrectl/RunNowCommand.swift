import ArgumentParser
import ControlProtocol

/// `recouvrectl run-now`.
struct RunNowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-now",
        abstract: "Look for due work now instead of at the next pass.",
        discussion: """
            Without --tenant, every active tenant is looked at.

            Example:
              recouvrectl run-now --tenant acme
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "Only this tenant.") var tenant: String?

    func validate() throws {
        if let tenant { try Validate.slug(tenant) }
    }

    func run() throws {
        try options.perform(
            { RunNowReply(tenants: try $0.runNow(tenant: tenant)) },
            human: { "looked for due work in \($0.tenants) tenant\($0.tenants == 1 ? "" : "s")" })
    }
}
