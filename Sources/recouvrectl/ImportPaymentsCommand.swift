import ArgumentParser

/// `recouvrectl import payments`.
struct ImportPaymentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "payments",
        abstract: "Record payments from a CSV file; a payment already imported is never recorded twice.",
        discussion: """
            Each line is a payment: debtor, amount and received_on are required; invoice (the \
            invoice it pays), currency (the invoice's, else EUR) and reference are optional. A \
            payment is recognised again by its debtor and reference or, without a reference, by \
            its content and its rank among identical lines of the file.

            Example:
              recouvrectl import payments --tenant acme reglements.csv
              recouvrectl import payments --tenant acme releve.csv --mapping-file sage.map --dry-run
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var source: ImportOptions

    func run() throws {
        try ImportRun(kind: .payments, source: source, options: options).run()
    }
}
