import ArgumentParser
import ControlProtocol

/// `recouvrectl policy list`.
struct PolicyListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List policies in the order they are tried for a debtor.",
        discussion: """
            Example:
              recouvrectl policy list --tenant acme
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String

    func validate() throws { try Validate.parameters(TenantParameters(tenant: tenant)) }

    func run() throws {
        try options.perform({ ListPoliciesReply(policies: try $0.listPolicies(tenant: tenant)) },
                            human: { Describe.policies($0.policies) })
    }
}
