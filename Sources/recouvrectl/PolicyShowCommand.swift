import ArgumentParser
import ControlProtocol
import Yams

/// `recouvrectl policy show`.
struct PolicyShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a policy and its steps.",
        discussion: """
            --json and --yaml print the policy document, the form `policy set` reads \
            (snake_case keys, amounts as strings).

            Example:
              recouvrectl policy show --tenant acme business
              recouvrectl policy show --tenant acme business --yaml > business.yaml
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Argument(help: "The policy's name.") var name: String
    @Flag(help: "Print the policy document as YAML.") var yaml = false

    func validate() throws {
        try Validate.parameters(PolicyReferenceParameters(tenant: tenant, name: name))
        if yaml && options.json { throw ValidationError("give --json or --yaml, not both") }
    }

    func run() throws {
        var plain = options
        plain.json = false
        let asJSON = options.json, asYAML = yaml
        try plain.perform({ PolicyReply(policy: try $0.getPolicy(tenant: tenant, name: name)) }, human: { reply in
            let document = PolicyDocumentText(reply.policy)
            if asJSON { return document.json }
            if asYAML { return document.yaml }
            return Describe.policy(reply.policy)
        })
    }
}
