import ArgumentParser
import ControlProtocol
import Foundation

/// `recouvrectl policy set`.
struct PolicySetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Create or replace a policy from a YAML or JSON document.",
        discussion: """
            The format is told by the file's extension (.yaml, .yml, .json), else by its content. \
            The daemon checks the whole document and lists every problem; nothing changes unless \
            it is valid. Prints which steps were added, removed or changed.

            Document:
              name: late-payers
              description: Firmer policy for repeat late payers
              debtor_kind: business        # or consumer; leave out for any debtor
              min_outstanding: "500.00"    # the overdue total from which it applies
              priority: 50                 # lower is tried first
              grace_days: 3
              steps:
                - {position: 1, offset_days: -3, stage: reminder, channel: email, template: courtesy}
                - {position: 2, offset_days: 1, stage: reminder, channel: email, template: reminder1}
                - {position: 3, offset_days: 15, stage: call, channel: task, template: call, send_at: "10:00"}
                - {position: 4, offset_days: 30, stage: formal_notice, channel: letter, template: formal_notice,
                   requires_approval: true, min_outstanding: "100.00"}

            Example:
              recouvrectl policy set --tenant acme late-payers.yaml
              cat policy.json | recouvrectl policy set --tenant acme -
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Argument(help: "The document: a .yaml, .yml or .json file, or - for standard input.") var file: String

    func validate() throws {
        try Validate.slug(tenant)
    }

    func run() throws {
        let document: String
        do {
            document = try PolicyFile.json(from: try InputFile.read(file), named: file)
        } catch let error as PolicyFile.Unreadable {
            throw CommandFailure(message: error.message, status: ExitStatus.usage)
        }
        let parameters = SetPolicyParameters(tenant: tenant, document: document)
        try options.perform({ try $0.setPolicy(parameters) }, human: {
            Describe.changes($0.changes, name: $0.policy.name) + "\n\n" + Describe.policy($0.policy)
        })
    }
}
