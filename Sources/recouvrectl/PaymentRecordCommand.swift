import ArgumentParser
import ControlProtocol

/// `recouvrectl payment record`.
struct PaymentRecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record a payment; the daemon reviews the debtor's collection at once.",
        discussion: """
            Without --invoice the payment pays the debtor's oldest open invoices first.

            Example:
              recouvrectl payment record --tenant acme --debtor CLI-1 250.00 --invoice FA-2026-0412 --reference VIR-889
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Option(help: "The debtor's reference.") var debtor: String
    @Argument(help: "The amount, e.g. 250.00.") var amount: String
    @Option(help: "The invoice it pays, by number.") var invoice: String?
    @Option(help: "ISO 4217 code (default: the invoice's, else EUR).") var currency: String?
    @Option(name: .customLong("received-on"), help: "The day it was received, YYYY-MM-DD (default: today).")
    var receivedOn: String?
    @Option(help: "The bank's or the debtor's reference.") var reference: String?

    var parameters: RecordPaymentParameters {
        RecordPaymentParameters(tenant: tenant, debtor: debtor, amount: amount, invoice: invoice, currency: currency,
                                receivedOn: receivedOn, reference: reference)
    }

    func validate() throws { try Validate.parameters(parameters) }

    func run() throws {
        let parameters = self.parameters
        try options.perform({ PaymentReply(payment: try $0.recordPayment(parameters)) }, human: {
            let p = $0.payment
            return "payment \(p.id) recorded: \(p.amount) \(p.currency) from \(parameters.debtor)"
                + (p.invoice.map { " for invoice \($0)" } ?? "") + ", received \(p.receivedOn)"
        })
    }
}
