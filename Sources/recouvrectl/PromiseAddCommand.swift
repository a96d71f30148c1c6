import ArgumentParser
import ControlProtocol

/// `recouvrectl promise add`.
struct PromiseAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record a promise to pay by a date; the case pauses until then (plus the policy's grace days).",
        discussion: """
            The date is today to 90 days ahead; the amount at most what is overdue. A new promise \
            replaces an open one.

            Example:
              recouvrectl promise add --tenant acme --debtor CLI-1 500.00 --date 2026-04-15 --note "called, will pay on the 15th"
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Option(help: "The debtor's reference.") var debtor: String
    @Argument(help: "The amount promised, e.g. 500.00.") var amount: String
    @Option(help: "The day the debtor promises to pay by, YYYY-MM-DD.") var date: String
    @Option(help: "What was said.") var note: String?

    var parameters: AddPromiseParameters {
        AddPromiseParameters(tenant: tenant, debtor: debtor, amount: amount, promisedOn: date, note: note)
    }

    func validate() throws { try Validate.parameters(parameters) }

    func run() throws {
        let parameters = self.parameters
        try options.perform({ PromiseReply(promise: try $0.addPromise(parameters)) }, human: {
            let p = $0.promise
            return "promise \(p.id) recorded: \(p.amount) \(p.currency) by \(p.promisedOn) "
                + "(broken after \(p.graceDays) grace day\(p.graceDays == 1 ? "" : "s")); collection pauses until then"
        })
    }
}
