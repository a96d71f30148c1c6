import ArgumentParser

/// `recouvrectl import invoices`.
struct ImportInvoicesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoices",
        abstract: "Create or update invoices from a CSV file, keyed by their number.",
        discussion: """
            Each line is an invoice: number, debtor (the external reference of a debtor already \
            in the tenant), issued_on, due_on and amount are required; currency is optional \
            (EUR). An invoice already there is updated only where the file differs; a new due \
            date replans its reminders.

            Example:
              recouvrectl import invoices --tenant acme factures.csv
              recouvrectl import invoices --tenant acme invoices.csv --convention intl --json
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var source: ImportOptions

    func run() throws {
        try ImportRun(kind: .invoices, source: source, options: options).run()
    }
}
