import Foundation
import Logging
import Postgres
import RecouvreCore
import RecouvreStore

/// Brings a debtor's case, negotiations and scheduled work in line with the planner.
///
/// Runs in the caller's transaction, after the debtor's row was locked: the negotiation
/// functions lock it too, so a promise, a payment plan or a dispute recorded meanwhile waits and
/// is seen by the next review. Idempotent: reviewing twice changes nothing the second time (work
/// is keyed, and each key has a unique index).
struct DebtorReview {
    let tenant: TenantRecord
    let configuration: DaemonConfiguration
    let logger: Logger

    var situations: SituationStore { SituationStore(slug: tenant.slug) }
    var work: WorkStore { WorkStore(slug: tenant.slug) }
    var actions: ActionStore { ActionStore(slug: tenant.slug) }

    /// Reads the debtor's context. `executing` is the action being run, if any.
    func context(_ c: PostgresConnection, debtor: DebtorRecord, now: Date, executing: Int64? = nil) throws -> DebtorContext {
        let situation = try situations.situation(c, debtor: debtor, executing: executing)
        let policies = try situations.policies(c)
        let override = try situations.policyOverride(c, debtorID: debtor.id)
        let calendar = configuration.calendar.procedureCalendar(in: zone(of: debtor))
        let today = calendar.localDay(of: now)
        let overdueTotal = situation.invoices.filter { $0.dueOn < today }.reduce(Decimal(0)) { $0 + $1.outstanding.amount }
        // The override wins; an open case keeps the policy it was opened with; otherwise the segment decides.
        let name = override ?? situation.openCase?.policyName
        let policy = name.flatMap { wanted in policies.first { $0.name == wanted } }
            ?? CollectionPolicy.select(from: policies, debtorKind: situation.debtorKind, overdueTotal: overdueTotal, override: nil)
        return DebtorContext(debtor: debtor, situation: situation, policy: policy, calendar: calendar, now: now)
    }

    /// Applies the planner's answer; returns a short summary for the action's outcome.
    @discardableResult
    func apply(_ plan: Reconciliation, context: inout DebtorContext, _ c: PostgresConnection) throws -> [String: String] {
        var summary: [String: String] = [:]
        let debtorID = context.debtor.id
        if let change = plan.promiseChange, let promise = context.situation.promise {
            let kept = change == .kept
            try work.settlePromise(c, id: promise.id, kept: kept)
            try event(c, kept ? "promise_kept" : "promise_broken", debtorID, ["promise_id": promise.id, "amount": promise.amount.amount.description,
                                                                              "promised_on": promise.promisedOn.description])
            context.situation.promise = nil
            summary["promise"] = kept ? "kept" : "broken"
        }
        if let change = plan.planChange, let active = context.situation.plan {
            switch change {
            case .completed:
                try work.endPlan(c, id: active.id, completed: true)
                try event(c, "plan_completed", debtorID, ["plan_id": active.id])
                summary["plan"] = "completed"
            case .broken(let missed):
                try work.endPlan(c, id: active.id, completed: false)
                try event(c, "plan_broken", debtorID, ["plan_id": active.id, "missed_instalment": missed])
                summary["plan"] = "broken"
            }
            context.situation.plan = nil
        }
        var caseID = context.situation.openCase?.id
        switch plan.caseChange {
        case .open(let policy)? where policy.isEmpty:
            // No policy of the tenant fits this debtor: nothing can be planned. Said once per
            // review, so that ops see it in the journal and add a policy or an override.
            try event(c, "no_policy", debtorID, ["debtor_kind": context.situation.debtorKind.rawValue])
            logger.warning("no policy fits the debtor; add one or set debtors.policy",
                           metadata: ["tenant": "\(tenant.slug)", "debtor": "\(debtorID)"])
            summary["case"] = "no policy fits"
        case .open(let policy)?:
            let id = try work.openCase(c, debtorID: debtorID, policy: policy)
            try event(c, "case_opened", debtorID, ["case_id": id, "policy": policy])
            context.situation.openCase = OpenCase(id: id, policyName: policy, openedAt: context.now)
            caseID = id
            summary["case"] = "opened"
        case .close(var reason)?:
            if reason == .paid, let settlement = try work.lastSettlement(c, debtorID: debtorID) {
                // Cleared by a write-off or an upheld dispute rather than by money received.
                reason = settlement
            }
            if let open = context.situation.openCase {
                try work.closeCase(c, id: open.id, reason: reason)
                let tasks = try work.cancelOpenTasks(c, caseID: open.id)
                try event(c, "case_closed", debtorID, ["case_id": open.id, "reason": reason.rawValue, "tasks_cancelled": tasks])
                summary["case"] = "closed: \(reason.rawValue)"
            }
            context.situation.openCase = nil
            caseID = nil
        case nil:
            if let open = context.situation.openCase, let policy = context.policy, policy.name != open.policyName {
                try work.setCasePolicy(c, id: open.id, policy: policy.name)
            }
        }

        if let open = context.situation.openCase, !plan.overdueTasks.isEmpty {
            try applyOverdue(plan.overdueTasks, caseID: open.id, context: context, c)
            summary["tasks_overdue"] = String(plan.overdueTasks.count)
        }

        // Scheduled work the planner no longer wants is cancelled; what it wants and is missing
        // is scheduled; what moved is moved. Held steps wait for their approval where they are.
        let wanted = Dictionary(plan.work.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var cancelled = 0, scheduled = 0, moved = 0
        let pending = try work.pending(c, debtorID: debtorID)
        for existing in pending {
            guard let planned = wanted[existing.key] else {
                let reason = try reason(existing.key, context: context, c)
                try actions.finish(c, id: existing.id, state: "cancelled", reason: reason)
                if existing.state == "held" {
                    // Its approval is no longer asked for.
                    try work.cancelOpenTasks(c, actionID: existing.id)
                }
                try event(c, "work_cancelled", debtorID, ["action_id": existing.id, "reason": reason], actionID: existing.id)
                cancelled += 1
                continue
            }
            if existing.state == "scheduled" && existing.dueAt != planned.dueAt {
                try work.move(c, id: existing.id, to: planned.dueAt)
                moved += 1
            }
        }
        let present = Set(pending.map(\.key))
        for planned in plan.work where !present.contains(planned.key) {
            if let id = try work.schedule(c, debtorID: debtorID, caseID: caseID, work: planned) {
                try event(c, "work_scheduled", debtorID, ["action_id": id, "template": planned.template,
                                                          "due_at": planned.dueAt.formatted(.iso8601)], actionID: id)
                scheduled += 1
            }
        }
        if let next = plan.nextReviewAt {
            try work.requestReview(c, debtorID: debtorID, at: next)
            summary["next_review"] = next.formatted(.iso8601)
        }
        summary["scheduled"] = String(scheduled)
        summary["moved"] = String(moved)
        summary["cancelled"] = String(cancelled)
        return summary
    }

    /// Marks the tasks found past their deadline and journals each (`task_overdue`); when the
    /// policy says `escalate`, the case's next step was planned at once and the case is marked
    /// expedited until that step runs.
    private func applyOverdue(_ overdue: [OverdueTask], caseID: Int64, context: DebtorContext, _ c: PostgresConnection) throws {
        let tasks = TaskDeadlineStore(slug: tenant.slug)
        for task in overdue {
            guard let marked = try tasks.markOverdue(c, taskID: task.taskId, at: context.now) else { continue }
            if task.escalated { try tasks.expedite(c, caseID: caseID) }
            try event(c, "task_overdue", context.debtor.id, ["task_id": task.taskId, "case_id": caseID, "kind": marked.kind,
                                                           "deadline": marked.deadline?.formatted(.iso8601) ?? "",
                                                           "rule": task.rule.rawValue, "escalated": task.escalated])
            logger.info("task left undone past its deadline", metadata: [
                "tenant": "\(tenant.slug)", "task": "\(task.taskId)", "case": "\(caseID)", "rule": "\(task.rule.rawValue)"])
        }
    }

    /// Why planned work is dropped, with what settled the debt when nothing is left to pay.
    func reason(_ key: PlannedWorkKey, context: DebtorContext, _ c: PostgresConnection) throws -> String {
        let reason = Self.reasonNoLongerPlanned(key, context: context)
        return reason == Self.settled ? try work.lastSettlementWords(c, debtorID: context.debtor.id) : reason
    }

    /// What `reasonNoLongerPlanned` says when nothing is left to pay; `reason` says how.
    static let settled = "nothing left to pay"

    /// Why planned work is dropped, in words an operator reads in `actions list`.
    static func reasonNoLongerPlanned(_ key: PlannedWorkKey, context: DebtorContext) -> String {
        let situation = context.situation
        let today = context.calendar.localDay(of: context.now)
        let overdue = situation.invoices.filter { $0.dueOn < today }
        switch key {
        case .courtesy(let invoiceID, _):
            guard let invoice = situation.invoices.first(where: { $0.invoiceId == invoiceID }) else { return settled }
            if invoice.disputed || situation.debtorDisputed { return "disputed" }
            if invoice.dueOn < today { return "due date passed" }
            return "no longer planned"
        case .instalment(_, let number, _):
            guard let plan = situation.plan else { return "payment plan ended" }
            if situation.debtorDisputed { return "disputed" }
            if let unpaid = plan.firstUnpaidInstalment, unpaid.number <= number { return "its moment has passed" }
            return "instalment paid"
        case .step:
            if situation.invoices.isEmpty { return settled }
            if overdue.isEmpty { return "nothing overdue any more" }
            if situation.debtorDisputed || overdue.allSatisfy(\.disputed) { return "disputed" }
            if situation.promise != nil { return "promise to pay running" }
            if situation.plan != nil { return "payment plan in force" }
            return "no longer planned"
        }
    }

    private func event(_ c: PostgresConnection, _ kind: String, _ debtorID: Int64, _ detail: [String: any Sendable],
                       actionID: Int64? = nil) throws {
        try actions.recordEvent(c, kind: kind, debtorID: debtorID, invoiceID: nil, actionID: actionID,
                                detail: try PostgresJSON(encoding: JSONDetail(detail)))
    }

    func zone(of debtor: DebtorRecord) -> TimeZone {
        if let name = debtor.timezone, TimeZone(identifier: name) == nil {
            // The database accepted a zone this system cannot read: say so rather than guess silently.
            logger.warning("debtor time zone unknown here; using the tenant's",
                           metadata: ["tenant": "\(tenant.slug)", "debtor": "\(debtor.id)", "timezone": "\(name)"])
        }
        return debtor.timezone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: tenant.timezone) ?? .gmt
    }
}
