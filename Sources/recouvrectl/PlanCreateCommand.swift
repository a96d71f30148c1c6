import ArgumentParser
import ControlProtocol
import Foundation

/// `recouvrectl plan create`.
struct PlanCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a payment plan: instalments that sum to what is overdue and collectible.",
        discussion: """
            Give each instalment as DATE=AMOUNT with --instalment (repeated), or a JSON file with \
            --instalments: [{"due_on": "2026-04-30", "amount": "500.00"}, …]. Dates increase from \
            today; the sum must equal the collectible overdue outstanding (the error says what it is). \
            A plan replaces an open promise and an active plan.

            Example:
              recouvrectl plan create --tenant acme --debtor CLI-1 --instalment 2026-04-30=500.00 --instalment 2026-05-31=750.40
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Option(help: "The debtor's reference.") var debtor: String
    @Option(name: .customLong("instalment"), help: ArgumentHelp("An instalment, DATE=AMOUNT; repeat it.", valueName: "date=amount"))
    var instalmentTexts: [String] = []
    @Option(name: .customLong("instalments"), help: ArgumentHelp("A JSON file of instalments ('-' for stdin).", valueName: "file"))
    var instalmentsFile: String?
    @Option(help: "What was agreed.") var note: String?

    func instalments() throws -> [PlannedInstalment] {
        if let instalmentsFile {
            guard instalmentTexts.isEmpty else { throw ValidationError("give --instalment or --instalments FILE, not both") }
            return try InstalmentsFile.read(instalmentsFile)
        }
        guard !instalmentTexts.isEmpty else {
            throw ValidationError("give the instalments: --instalment DATE=AMOUNT (repeated) or --instalments FILE.json")
        }
        return try instalmentTexts.map { text throws -> PlannedInstalment in
            do {
                return try ControlValidation.instalment(parsing: text)
            } catch let problem as ParameterProblem {
                throw ValidationError(problem.description)
            }
        }
    }

    func validate() throws {
        try Validate.parameters(CreatePlanParameters(tenant: tenant, debtor: debtor, instalments: try instalments(), note: note))
    }

    func run() throws {
        let parameters = CreatePlanParameters(tenant: tenant, debtor: debtor, instalments: try instalments(), note: note)
        try options.perform({ PlanReply(plan: try $0.createPlan(parameters)) }, human: {
            let p = $0.plan
            return "plan \(p.id) created: \(p.total) \(p.currency) in \(p.instalments.count) instalment"
                + (p.instalments.count == 1 ? "" : "s") + "\n\n" + Describe.instalments(p.instalments)
        })
    }
}

/// A JSON file of instalments: `[{"due_on": "YYYY-MM-DD", "amount": "123.45"}, …]`; amounts may be numbers.
enum InstalmentsFile {
    static func read(_ path: String) throws -> [PlannedInstalment] {
        let data = try InputFile.read(path)
        guard let items = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw ValidationError("\(path) is not a JSON array of {\"due_on\": \"YYYY-MM-DD\", \"amount\": \"123.45\"} objects")
        }
        return try items.enumerated().map { index, item in
            guard let dueOn = item["due_on"] as? String else {
                throw ValidationError("\(path): instalment \(index + 1) has no due_on; write \"due_on\": \"YYYY-MM-DD\"")
            }
            let amount: String
            switch item["amount"] {
            case let text as String: amount = text
            // Numbers are read back through their decimal text, never as a Double.
            case let number as NSNumber: amount = number.decimalValue.description
            default: throw ValidationError("\(path): instalment \(index + 1) has no amount; write \"amount\": \"123.45\"")
            }
            return PlannedInstalment(dueOn: dueOn, amount: amount)
        }
    }
}
