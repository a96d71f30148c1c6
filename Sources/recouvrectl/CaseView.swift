import ControlProtocol

/// How `case show` reads for people: one block per part, tables where there are several rows.
enum CaseView {
    static func text(_ reply: GetCaseReply) -> String {
        var blocks: [String] = [debtor(reply.debtor), caseBlock(reply.case)]
        blocks.append(section("next scheduled (\(reply.debtor.timezone))", reply.scheduled.isEmpty ? nil : Table(
            headers: ["ID", "KIND", "STEP", "STAGE", "CHANNEL", "TEMPLATE", "DUE", "STATE"],
            rows: reply.scheduled.map {
                [String($0.id), $0.kind, String($0.step), $0.stage ?? "-", $0.channel, $0.template ?? "-", $0.dueLocal, $0.state]
            }).rendered))
        blocks.append(section("open invoices", reply.invoices.isEmpty ? nil : Table(
            headers: ["NUMBER", "DUE", "OVERDUE", "AMOUNT", "PAID", "REDUCED", "OUTSTANDING", "STATE"],
            rows: reply.invoices.map {
                [$0.number, $0.dueOn, $0.daysOverdue > 0 ? "\($0.daysOverdue)d" : "-", "\($0.amount) \($0.currency)",
                 $0.paid, $0.reduced, $0.outstanding, invoiceState($0)]
            }).rendered))
        blocks.append(section("promises", reply.promises.isEmpty ? nil : Table(
            headers: ["ID", "AMOUNT", "BY", "STATE", "MADE BY", "NOTE"],
            rows: reply.promises.map {
                [String($0.id), "\($0.amount) \($0.currency)", "\($0.promisedOn) (+\($0.graceDays)d)", $0.state, $0.madeBy,
                 $0.note ?? ""]
            }).rendered))
        blocks.append(section("plan", reply.plan.map(plan)))
        blocks.append(section("disputes", reply.disputes.isEmpty ? nil : Table(
            headers: ["ID", "ON", "STATE", "REASON", "OPENED BY", "RESOLUTION"],
            rows: reply.disputes.map { d in
                [String(d.id), d.invoice ?? "whole debtor", d.state, d.reason, d.openedBy,
                 d.resolution.map { $0 + (d.resolvedBy.map { " by \($0)" } ?? "") } ?? "-"]
            }).rendered))
        blocks.append(section("reductions", reply.reductions.isEmpty ? nil : Table(
            headers: ["ID", "INVOICE", "KIND", "AMOUNT", "ON", "BY", "REASON"],
            rows: reply.reductions.map {
                [String($0.id), $0.invoice, $0.kind, "\($0.amount) \($0.currency)", $0.grantedOn, $0.grantedBy, $0.reason]
            }).rendered))
        blocks.append(section("open tasks", reply.tasks.isEmpty ? nil : Describe.tasks(reply.tasks)))
        blocks.append(section("last events", reply.events.isEmpty ? nil : Table(
            headers: ["AT", "KIND", "ACTOR", "DETAIL"],
            rows: reply.events.map { [$0.occurredAt, $0.kind, $0.actor, $0.detail] }).rendered))
        return blocks.joined(separator: "\n\n")
    }

    static func debtor(_ d: DebtorInfo) -> String {
        Table.fields([
            ("debtor", "\(d.ref)  \(d.name) (\(d.kind))"),
            ("contact", [d.email, d.phone].compactMap { $0 }.joined(separator: ", ").ifEmpty("-")),
            ("policy override", d.policy ?? "none"),
        ])
    }

    static func caseBlock(_ c: CaseInfo?) -> String {
        guard let c else { return "case  none: nothing has been overdue" }
        var pairs = [
            ("case", "\(c.id) \(c.state)" + (c.closeReason.map { " (\($0))" } ?? "")),
            ("policy", c.policy),
            ("stage", "\(c.stage ?? "none yet"), position \(c.position)" + (c.expedite ? ", next step expedited" : "")),
            ("opened", c.openedAt),
        ]
        if let last = c.lastStepAt { pairs.append(("last step", last)) }
        if let closed = c.closedAt { pairs.append(("closed", closed)) }
        return Table.fields(pairs)
    }

    static func invoiceState(_ i: CaseInvoiceInfo) -> String {
        var states: [String] = []
        if i.disputed { states.append("disputed") }
        if i.inPlan { states.append("in plan") }
        if i.promised { states.append("promised") }
        if states.isEmpty { states.append(i.daysOverdue > 0 ? "overdue" : "not yet due") }
        return states.joined(separator: ", ")
    }

    static func plan(_ p: PlanInfo) -> String {
        let head = "plan \(p.id) \(p.state): \(p.total) \(p.currency) in \(p.instalments.count) instalment"
            + (p.instalments.count == 1 ? "" : "s") + ", paid since \(p.paidSince), by \(p.createdBy)"
        return head + "\n" + Describe.instalments(p.instalments)
    }

    static func section(_ title: String, _ body: String?) -> String {
        title + "\n" + (body ?? "none")
    }
}

extension String {
    fileprivate func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
