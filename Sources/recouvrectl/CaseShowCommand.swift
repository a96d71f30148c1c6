import ArgumentParser
import ControlProtocol

/// `recouvrectl case show`.
struct CaseShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a debtor, its case, invoices, promises, plan, disputes, tasks and last events.",
        discussion: """
            Give the debtor's reference or a case id. Due times are shown in the debtor's zone.

            Example:
              recouvrectl case show --tenant acme --debtor CLI-1
              recouvrectl case show --tenant acme --case 42 --json
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Option(help: "The debtor's reference.") var debtor: String?
    @Option(name: .customLong("case"), help: "A case's id.") var caseID: Int?

    var parameters: GetCaseParameters { GetCaseParameters(tenant: tenant, debtor: debtor, caseId: caseID) }

    func validate() throws {
        if (debtor == nil) == (caseID == nil) { throw ValidationError("give either --debtor REF or --case ID") }
        try Validate.parameters(parameters)
    }

    func run() throws {
        let parameters = self.parameters
        try options.perform({ try $0.getCase(parameters) }, human: CaseView.text)
    }
}
