import ControlProtocol
import Foundation
import RecouvreStore

/// `GetCase`, and the conversions of the procedure's records to the interface's types.
extension ControlService {
    func getCase(_ p: GetCaseParameters) async throws -> GetCaseReply {
        let view = try await procedureCall(p.tenant) { slug, c in
            try CaseQueries(slug: slug).view(c, debtorRef: p.debtor, caseID: p.caseId.map(Int64.init))
        }
        let d = view.debtor
        return GetCaseReply(
            debtor: DebtorInfo(id: Int(d.id), ref: d.externalRef, name: d.name, kind: d.kind, email: d.email, phone: d.phone,
                               policy: d.policy, timezone: d.timezone),
            case: view.collectionCase.map(Self.info),
            scheduled: view.scheduled.map {
                ScheduledActionInfo(id: Int($0.id), kind: $0.kind, state: $0.state, channel: $0.channel, step: $0.step,
                                    stage: $0.stage, template: $0.template, dueAt: Self.iso($0.dueAt), dueLocal: $0.dueLocal)
            },
            invoices: view.invoices.map {
                CaseInvoiceInfo(id: Int($0.id), number: $0.number, currency: $0.currency, issuedOn: $0.issuedOn.description,
                                dueOn: $0.dueOn.description, amount: Self.money($0.amount), paid: Self.money($0.paid),
                                reduced: Self.money($0.reduced), outstanding: Self.money($0.outstanding),
                                daysOverdue: $0.daysOverdue, disputed: $0.disputed, inPlan: $0.inPlan, promised: $0.promised)
            },
            promises: view.promises.map(Self.info), plan: view.plan.map(Self.info), disputes: view.disputes.map(Self.info),
            reductions: view.reductions.map(Self.info), tasks: view.tasks.map(Self.info),
            events: view.events.map {
                EventInfo(id: Int($0.id), occurredAt: Self.iso($0.occurredAt), kind: $0.kind, invoiceId: $0.invoiceID.map(Int.init),
                          actionId: $0.actionID.map(Int.init), actor: $0.actor, detail: $0.detail)
            })
    }

    static func info(_ k: CaseRecord) -> CaseInfo {
        CaseInfo(id: Int(k.id), policy: k.policy, state: k.state, stage: k.stage, position: k.position, expedite: k.expedite,
                 openedAt: iso(k.openedAt), lastStepAt: k.lastStepAt.map(iso), closedAt: k.closedAt.map(iso),
                 closeReason: k.closeReason)
    }

    static func info(_ p: PaymentRecord) -> PaymentInfo {
        PaymentInfo(id: Int(p.id), debtorId: Int(p.debtorID), invoice: p.invoiceNumber, amount: money(p.amount),
                    currency: p.currency, receivedOn: p.receivedOn.description, reference: p.reference)
    }

    static func info(_ p: PromiseRecord) -> PromiseInfo {
        PromiseInfo(id: Int(p.id), amount: money(p.amount), currency: p.currency, promisedOn: p.promisedOn.description,
                    graceDays: p.graceDays, state: p.state, note: p.note, madeBy: p.madeBy, madeAt: iso(p.madeAt),
                    settledAt: p.settledAt.map(iso))
    }

    static func info(_ p: PlanRecord) -> PlanInfo {
        PlanInfo(id: Int(p.id), state: p.state, currency: p.currency, total: money(p.total), graceDays: p.graceDays,
                 paidSince: money(p.paidSince), note: p.note, createdBy: p.createdBy, createdAt: iso(p.createdAt),
                 endedAt: p.endedAt.map(iso),
                 instalments: p.instalments.map {
                     InstalmentInfo(number: $0.number, dueOn: $0.dueOn.description, amount: money($0.amount), paid: $0.paid)
                 })
    }

    static func info(_ d: DisputeRecord) -> DisputeInfo {
        DisputeInfo(id: Int(d.id), debtorId: Int(d.debtorID), invoice: d.invoiceNumber, state: d.state, reason: d.reason,
                    resolution: d.resolution, resolutionNote: d.resolutionNote, openedBy: d.openedBy, openedAt: iso(d.openedAt),
                    resolvedBy: d.resolvedBy, resolvedAt: d.resolvedAt.map(iso))
    }

    static func info(_ r: ReductionRecord) -> ReductionInfo {
        ReductionInfo(id: Int(r.id), invoice: r.invoiceNumber, kind: r.kind, amount: money(r.amount), currency: r.currency,
                      reason: r.reason, grantedBy: r.grantedBy, grantedOn: r.grantedOn.description)
    }

    static func info(_ t: TaskRecord) -> TaskInfo {
        TaskInfo(id: Int(t.id), debtorId: Int(t.debtorID), debtorRef: t.debtorRef, debtorName: t.debtorName,
                 caseId: t.caseID.map(Int.init), actionId: t.actionID.map(Int.init), kind: t.kind, state: t.state, title: t.title,
                 deadline: t.deadline.map(iso), createdAt: iso(t.createdAt), completedAt: t.completedAt.map(iso),
                 completedBy: t.completedBy, outcome: t.outcome, overdueAt: t.overdueAt.map(iso))
    }
}
