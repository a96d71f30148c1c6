import ArgumentParser
import ControlProtocol

/// `recouvrectl task complete`.
struct TaskCompleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "complete",
        abstract: "Complete a task: a call's outcome, an approval's decision, or done.",
        discussion: """
            A call takes --reached yes|no, --reason (oversight, cash_flow, disagreement, not_received, \
            refusal, unreachable, other) and --next continue|escalate; an approval takes --approve or \
            --reject; other tasks only --note.

            Example:
              recouvrectl task complete --tenant acme 12 --reached no --reason unreachable
              recouvrectl task complete --tenant acme 13 --reject --note "the debtor paid by cheque"
            """
    )

    enum Decision: String, EnumerableFlag {
        case approve, reject

        static func help(for value: Decision) -> ArgumentHelp? {
            switch value {
            case .approve: "Approval: the step goes now."
            case .reject: "Approval: the step is skipped."
            }
        }
    }

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Argument(help: "The task's id.") var id: Int
    @Option(help: ArgumentHelp("Call: whether the debtor was reached.", valueName: "yes|no")) var reached: String?
    @Option(help: "Call: why the debtor has not paid.") var reason: String?
    @Option(help: ArgumentHelp("Call: what comes next (default continue).", valueName: "continue|escalate")) var next: String?
    @Flag var decision: Decision?
    @Option(help: "What happened.") var note: String?

    func parameters() throws -> CompleteTaskParameters {
        CompleteTaskParameters(tenant: tenant, id: id, reached: try Validate.yesNo(reached, option: "--reached"),
                               reason: reason, next: next, approve: decision.map { $0 == .approve }, note: note)
    }

    func validate() throws { try Validate.parameters(try parameters()) }

    func run() throws {
        let parameters = try self.parameters()
        try options.perform({ TaskReply(task: try $0.completeTask(parameters)) }, human: {
            "task \($0.task.id) (\($0.task.kind)) is \($0.task.state)"
        })
    }
}
