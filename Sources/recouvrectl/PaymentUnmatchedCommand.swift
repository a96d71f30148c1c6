import ArgumentParser
import ControlProtocol

/// `recouvrectl payment unmatched`.
struct PaymentUnmatchedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unmatched",
        abstract: "List bank credits no invoice was matched to, with the best suggestion.",
        discussion: """
            Assign each to an invoice or debtor (payment assign), or set it aside (payment ignore).

            Example:
              recouvrectl payment unmatched --tenant acme
              recouvrectl payments unmatched --tenant acme --json
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String

    func validate() throws { try Validate.parameters(TenantParameters(tenant: tenant)) }

    func run() throws {
        let tenant = self.tenant
        try options.perform({ ListUnmatchedCreditsReply(credits: try $0.listUnmatchedCredits(tenant: tenant)) },
                            human: { Describe.unmatchedCredits($0.credits) })
    }
}
