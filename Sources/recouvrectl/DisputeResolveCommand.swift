import ArgumentParser
import ControlProtocol

/// `recouvrectl dispute resolve`.
struct DisputeResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Resolve a dispute: --resume collection, or --cancel the disputed outstanding (written off).",
        discussion: """
            Example:
              recouvrectl dispute resolve --tenant acme 7 --cancel --note "credit note agreed"
            """
    )

    enum Resolution: String, EnumerableFlag {
        case resume, cancel

        static func help(for value: Resolution) -> ArgumentHelp? {
            switch value {
            case .resume: "Collection goes on."
            case .cancel: "The disputed outstanding is written off."
            }
        }
    }

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Argument(help: "The dispute's id.") var id: Int
    @Flag var resolution: Resolution
    @Option(help: "Why.") var note: String?

    var parameters: ResolveDisputeParameters {
        ResolveDisputeParameters(tenant: tenant, id: id, resolution: resolution.rawValue, note: note)
    }

    func validate() throws { try Validate.parameters(parameters) }

    func run() throws {
        let parameters = self.parameters
        try options.perform({ DisputeReply(dispute: try $0.resolveDispute(parameters)) }, human: {
            "dispute \($0.dispute.id) resolved: " + ($0.dispute.resolution == "cancel"
                ? "cancel (the disputed outstanding is written off)" : "resume (collection goes on)")
        })
    }
}
