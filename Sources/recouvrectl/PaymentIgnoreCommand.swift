import ArgumentParser
import ControlProtocol

/// `recouvrectl payment ignore`.
struct PaymentIgnoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ignore",
        abstract: "Set an unmatched bank credit aside: it is not a debtor's payment.",
        discussion: """
            Example:
              recouvrectl payment ignore --tenant acme 44 --reason "supplier refund"
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Argument(help: "The credit's id (payment unmatched lists them).") var credit: Int
    @Option(help: "Why it is not a payment.") var reason: String?

    var parameters: IgnoreCreditParameters { IgnoreCreditParameters(tenant: tenant, creditId: credit, reason: reason) }

    func validate() throws { try Validate.parameters(parameters) }

    func run() throws {
        let parameters = self.parameters
        try options.perform({ BankCreditReply(credit: try $0.ignoreCredit(parameters)) }, human: {
            "credit \($0.credit.id) (\($0.credit.amount) \($0.credit.currency)) ignored"
        })
    }
}
