import ArgumentParser

/// `recouvrectl import …`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a creditor's debtors, invoices or payments from a CSV file, or its bank's statement.",
        discussion: """
            debtors, invoices and payments read French files (; separator, 1 234,56, dd/mm/yyyy, \
            UTF-8 or Windows-1252) and international ones (, separator, 1234.56, yyyy-mm-dd), map \
            their columns by name, check every line, then apply the whole file in one transaction \
            or refuse it with the line of each problem. Importing the same file again changes \
            nothing. recouvrectl asks the daemon where the database is and connects under your own \
            credentials (PGUSER, PGPASSWORD, ~/.pgpass, or --database CONNINFO). See docs/imports.md.

            statement reads a bank statement (camt.053, camt.054 or CFONB 120), sends its credits to \
            the daemon, which matches them to invoices; see docs/bank-statements.md.

            Example:
              recouvrectl import debtors --tenant acme clients.csv
              recouvrectl import invoices --tenant acme factures.csv --dry-run
              recouvrectl import statement --tenant acme releve-2026-03-03.xml
            """,
        subcommands: [ImportDebtorsCommand.self, ImportInvoicesCommand.self, ImportPaymentsCommand.self,
                      ImportStatementCommand.self]
    )
}
