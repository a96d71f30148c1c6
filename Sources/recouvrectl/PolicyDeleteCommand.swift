import ArgumentParser
import ControlProtocol

/// `recouvrectl policy delete`.
struct PolicyDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete a policy that no case and no debtor uses.",
        discussion: """
            Example:
              recouvrectl policy delete --tenant acme late-payers
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Argument(help: "The policy's name.") var name: String

    func validate() throws { try Validate.parameters(PolicyReferenceParameters(tenant: tenant, name: name)) }

    func run() throws {
        try options.perform({ client -> DeletePolicyReply in
            try client.deletePolicy(tenant: tenant, name: name)
            return DeletePolicyReply(name: name)
        }, human: { "policy '\($0.name)' deleted" })
    }
}
