import ControlProtocol

/// How the procedure's replies read for people.
extension Describe {
    static func tasks(_ tasks: [TaskInfo]) -> String {
        guard !tasks.isEmpty else { return "no tasks" }
        return Table(
            headers: ["ID", "KIND", "STATE", "DEBTOR", "TITLE", "DEADLINE", "DONE BY"],
            rows: tasks.map {
                [String($0.id), $0.kind, $0.state == "open" && $0.overdueAt != nil ? "open, overdue" : $0.state,
                 "\($0.debtorRef) \($0.debtorName)", $0.title, $0.deadline ?? "-",
                 $0.completedBy ?? "-"]
            }
        ).rendered
    }

    static func instalments(_ instalments: [InstalmentInfo]) -> String {
        Table(
            headers: ["#", "DUE", "AMOUNT", "PAID"],
            rows: instalments.map { [String($0.number), $0.dueOn, $0.amount, $0.paid ? "yes" : "no"] }
        ).rendered
    }

    static func policies(_ policies: [PolicySummary]) -> String {
        guard !policies.isEmpty else { return "no policies" }
        return Table(
            headers: ["NAME", "DEBTORS", "FROM", "PRIORITY", "GRACE", "STEPS", "OPEN CASES", "OVERRIDES", "DESCRIPTION"],
            rows: policies.map {
                [$0.name, $0.debtorKind ?? "any", $0.minOutstanding, String($0.priority), "\($0.graceDays)d", String($0.steps),
                 String($0.openCases), String($0.debtors), $0.description]
            }
        ).rendered
    }

    static func policy(_ p: PolicyInfo) -> String {
        Table.fields([
            ("policy", p.name),
            ("description", p.description.isEmpty ? "-" : p.description),
            ("debtors", p.debtorKind ?? "any"),
            ("from overdue", p.minOutstanding),
            ("priority", String(p.priority)),
            ("grace days", String(p.graceDays)),
        ]) + "\n\n" + Table(
            headers: ["POS", "OFFSET", "STAGE", "CHANNEL", "TEMPLATE", "MIN", "MAX", "APPROVAL", "AT", "OPTIONS"],
            rows: p.steps.map {
                [String($0.position), offset($0.offsetDays), $0.stage, $0.channel, $0.template, $0.minOutstanding,
                 $0.maxOutstanding ?? "-", $0.requiresApproval ? "yes" : "no", $0.sendAt, options($0)]
            }
        ).rendered
    }

    /// `D-3`, `D+0`, `D+15`: days from the due date.
    static func offset(_ days: Int) -> String { days < 0 ? "D\(days)" : "D+\(days)" }

    /// A step's options that differ from the defaults, in the policy document's words.
    static func options(_ step: PolicyStepInfo) -> String {
        var options: [String] = []
        if step.attachStatement { options.append("attach_statement") }
        if step.whenOverdue != "wait" { options.append("when_overdue: \(step.whenOverdue)") }
        return options.isEmpty ? "-" : options.joined(separator: ", ")
    }

    static func changes(_ c: PolicyChanges, name: String) -> String {
        if c.created { return "policy '\(name)' created" }
        if c.isEmpty { return "policy '\(name)' unchanged" }
        var lines = ["policy '\(name)' updated"]
        if !c.settings.isEmpty { lines.append("  settings changed: " + c.settings.joined(separator: ", ")) }
        func positions(_ p: [Int]) -> String { p.map(String.init).joined(separator: ", ") }
        if !c.added.isEmpty { lines.append("  steps added: " + positions(c.added)) }
        if !c.removed.isEmpty { lines.append("  steps removed: " + positions(c.removed)) }
        if !c.changed.isEmpty { lines.append("  steps changed: " + positions(c.changed)) }
        return lines.joined(separator: "\n")
    }
}
