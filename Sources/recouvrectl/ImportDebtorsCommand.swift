import ArgumentParser

/// `recouvrectl import debtors`.
struct ImportDebtorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debtors",
        abstract: "Create or update debtors from a CSV file, keyed by their external reference.",
        discussion: """
            Each line is a debtor: external_ref and name are required; kind (business or \
            consumer), email, phone, address_line1, address_line2, postal_code, city, country, \
            locale (fr or en) and timezone are optional. A debtor already there is updated only \
            where the file differs, in the columns the file has; columns it lacks keep their values.

            Example:
              recouvrectl import debtors --tenant acme clients.csv
              recouvrectl import debtors --tenant acme export-erp.csv --map "Code tiers=external_ref" --ignore-column Commercial
            """
    )

    @OptionGroup var options: GlobalOptions
    @OptionGroup var source: ImportOptions

    func run() throws {
        try ImportRun(kind: .debtors, source: source, options: options).run()
    }
}
