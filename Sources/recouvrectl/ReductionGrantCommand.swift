import ArgumentParser
import ControlProtocol

/// `recouvrectl reduction grant`.
struct ReductionGrantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Lower an invoice's balance by a reduction, credit note or write-off.",
        discussion: """
            The amount is at most the invoice's outstanding. With --kind write_off and no amount, \
            the whole outstanding is written off.

            Example:
              recouvrectl reduction grant --tenant acme --invoice FA-2026-0412 100.00 --reason "late delivery"
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Option(help: "The invoice, by number.") var invoice: String
    @Argument(help: "The amount, e.g. 100.00.") var amount: String?
    @Option(help: "Why it is granted.") var reason: String
    @Option(help: "reduction (default), credit_note or write_off.") var kind: String?

    var parameters: GrantReductionParameters {
        GrantReductionParameters(tenant: tenant, invoice: invoice, amount: amount, reason: reason, kind: kind)
    }

    func validate() throws { try Validate.parameters(parameters) }

    func run() throws {
        let parameters = self.parameters
        try options.perform({ ReductionReply(reduction: try $0.grantReduction(parameters)) }, human: {
            let r = $0.reduction
            return "\(r.kind.replacingOccurrences(of: "_", with: " ")) \(r.id) granted: \(r.amount) \(r.currency) on invoice \(r.invoice)"
        })
    }
}
