import ArgumentParser
import ControlProtocol

/// `recouvrectl payment assign`.
struct PaymentAssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Record an unmatched bank credit as a payment of an invoice or a debtor.",
        discussion: """
            With --debtor only, the payment pays the debtor's oldest open invoices first.

            Example:
              recouvrectl payment assign --tenant acme 42 --invoice FA-2026-0412
              recouvrectl payment assign --tenant acme 43 --debtor CLI-1
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Argument(help: "The credit's id (payment unmatched lists them).") var credit: Int
    @Option(help: "The invoice it pays, by number.") var invoice: String?
    @Option(help: "The debtor it pays, by reference.") var debtor: String?

    var parameters: AssignCreditParameters {
        AssignCreditParameters(tenant: tenant, creditId: credit, invoice: invoice, debtor: debtor)
    }

    func validate() throws { try Validate.parameters(parameters) }

    func run() throws {
        let parameters = self.parameters
        try options.perform({ BankCreditReply(credit: try $0.assignCredit(parameters)) }, human: {
            let c = $0.credit
            return "credit \(c.id) (\(c.amount) \(c.currency)) recorded as payment \(c.paymentId ?? 0)"
                + (c.invoice.map { " of invoice \($0)" } ?? "") + " from \(c.debtor ?? "-")"
        })
    }
}
