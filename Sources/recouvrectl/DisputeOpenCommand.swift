import ArgumentParser
import ControlProtocol

/// `recouvrectl dispute open`.
struct DisputeOpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a dispute on an invoice, or on the whole debtor without --invoice.",
        discussion: """
            Example:
              recouvrectl dispute open --tenant acme --debtor CLI-1 --invoice FA-2026-0412 --reason "goods damaged"
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Option(help: "The debtor's reference.") var debtor: String
    @Option(help: "The disputed invoice, by number.") var invoice: String?
    @Option(help: "What the debtor disputes.") var reason: String

    var parameters: OpenDisputeParameters {
        OpenDisputeParameters(tenant: tenant, debtor: debtor, invoice: invoice, reason: reason)
    }

    func validate() throws { try Validate.parameters(parameters) }

    func run() throws {
        let parameters = self.parameters
        try options.perform({ DisputeReply(dispute: try $0.openDispute(parameters)) }, human: {
            "dispute \($0.dispute.id) opened on " + ($0.dispute.invoice.map { "invoice \($0)" } ?? "the whole debtor")
                + ": collection of it pauses until it is resolved"
        })
    }
}
