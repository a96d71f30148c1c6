import ArgumentParser
import ControlProtocol

/// `recouvrectl plan [preview]`: the timeline the daemon would follow.
struct PlanPreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show what the daemon will do, step by step, if nobody pays (sends nothing).",
        discussion: """
            Computed by the daemon's own planner from the tenant's data, in a read-only
            transaction: local date and time in the debtor's zone, event, step, channel,
            template, the invoices concerned and the principal collectible then; for a formal
            notice and later stages, the claim with penalties and indemnity that day. Steps that
            wait for a person's approval are marked; the preview assumes they are approved.
            Without --debtor, every debtor that owes something (the first 100 by reference).

            Examples:
              recouvrectl plan --tenant acme --debtor CLI-1
              recouvrectl plan --tenant acme --as-of 2026-05-01 --until 2026-08-31 --json
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The tenant's slug.") var tenant: String
    @Option(help: "One debtor's reference; every debtor that owes something by default.") var debtor: String?
    @Option(name: .customLong("as-of"), help: "Start on this day (YYYY-MM-DD); now by default.") var asOf: String?
    @Option(help: "Last day shown (YYYY-MM-DD); 180 days after the start by default.") var until: String?

    var parameters: PreviewPlanParameters { PreviewPlanParameters(tenant: tenant, debtor: debtor, asOf: asOf, until: until) }

    func validate() throws {
        try Validate.parameters(parameters)
    }

    func run() throws {
        let parameters = self.parameters
        try options.perform({ try $0.previewPlan(parameters) }, human: Self.text)
    }

    /// One block per debtor: a heading, then the timeline as a table.
    static func text(_ reply: PreviewPlanReply) -> String {
        if reply.debtors.isEmpty { return "No debtor owes anything: nothing is planned." }
        var blocks: [String] = []
        for debtor in reply.debtors {
            let heading = "\(debtor.debtor)  \(debtor.name)  policy \(debtor.policy ?? "none fits")  (times in \(debtor.timeZone))"
            guard !debtor.entries.isEmpty else {
                blocks.append(heading + "\n  nothing planned in this period")
                continue
            }
            let rows = debtor.entries.map { line -> [String] in
                let what: String
                switch line.event {
                case "step", "courtesy": what = "\(line.event) \(line.position.map(String.init) ?? "")"
                case "instalment_before", "instalment_after": what = "\(line.event) #\(line.position.map(String.init) ?? "")"
                default: what = line.event + (line.detail.map { " (\($0))" } ?? "")
                }
                return [
                    line.local, what, line.stage ?? "", line.channel ?? "",
                    (line.template ?? "") + (line.requiresApproval ? " (approval)" : ""),
                    line.invoices.joined(separator: ","), line.principal.joined(separator: " + "),
                    line.claimTotal?.joined(separator: " + ") ?? "",
                ]
            }
            let table = Table(headers: ["LOCAL TIME", "EVENT", "STAGE", "CHANNEL", "TEMPLATE", "INVOICES", "PRINCIPAL", "CLAIM"],
                              rows: rows)
            blocks.append(heading + "\n" + table.rendered)
        }
        if reply.truncated { blocks.append("(more debtors owe something; name one with --debtor)") }
        return blocks.joined(separator: "\n\n")
    }
}
