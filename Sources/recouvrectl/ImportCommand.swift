import ArgumentParser

/// `recouvrectl import …`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a creditor's debtors, invoices or payments from a CSV file, all of it or nothing.",
        discussion: """
            Reads French files (; separator, 1 234,56, dd/mm/yyyy, UTF-8 or Windows-1252) and \
            international ones (, separator, 1234.56, yyyy-mm-dd), maps their columns by name, \
            checks every line, then applies the whole file in one transaction or refuses it with \
            the line of each problem. Importing the same file again changes nothing. recouvrectl \
            asks the daemon where the database is and connects under your own credentials \
            (PGUSER, PGPASSWORD, ~/.pgpass, or --database CONNINFO). See docs/imports.md.

            Example:
              recouvrectl import debtors --tenant acme clients.csv
              recouvrectl import invoices --tenant acme factures.csv --dry-run
            """,
        subcommands: [ImportDebtorsCommand.self, ImportInvoicesCommand.self, ImportPaymentsCommand.self]
    )
}
