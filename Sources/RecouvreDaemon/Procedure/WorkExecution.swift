import Foundation
import Logging
import Postgres
import RecouvreChannels
import RecouvreCore
import RecouvreStore

/// Runs one piece of planned work (a case step, a courtesy reminder, an instalment reminder)
/// in the caller's transaction.
///
/// The check at send time is the planner itself: the debtor is locked, the situation re-read,
/// and the work runs only if the planner still wants it now. Paid, disputed, promised or
/// planned debts therefore cancel it; a moment outside the channel's window moves it. The
/// result, its journal entry and the next step are written before the message leaves, which
/// is the last thing before `COMMIT` (see `ActionRunner`).
struct WorkExecution {
    let review: DebtorReview
    let renderer: ReminderRenderer
    let configuration: DaemonConfiguration
    let logger: Logger

    var tenant: TenantRecord { review.tenant }
    var actions: ActionStore { review.actions }
    var work: WorkStore { review.work }

    /// An e-mail ready to go once everything is recorded.
    struct OutgoingMail {
        let message: EmailMessage
        let relayURL: String
        let envelopeFrom: String
        let recipient: String
    }

    /// What running the work produced: a summary, the e-mail to send last, and the files
    /// (a letter, a court file) to publish once the transaction has committed.
    struct Output {
        var summary: String
        var mail: OutgoingMail?
        var files: [LetterSpool.StagedLetter] = []
        /// A signed request to make last, like the e-mail.
        var post: OutgoingPost?
    }

    func run(_ action: ClaimedAction, now: Date, _ c: PostgresConnection) throws -> Output {
        guard let key = action.workKey, let debtorID = action.debtorID, let debtor = try actions.lockDebtor(c, id: debtorID) else {
            try actions.finish(c, id: action.id, state: "cancelled", reason: "debtor or invoice no longer exists")
            return Output(summary: "cancelled")
        }
        var context = try review.context(c, debtor: debtor, now: now, executing: action.id)
        let plan = context.reconcile()
        // A step belongs to its case: once that case is closed, a new case's step of the same
        // position is another piece of work.
        let sameCase = action.kind != .step || action.caseID == context.situation.openCase?.id
        guard sameCase, let planned = plan.work.first(where: { $0.key == key }) else {
            let reason = sameCase ? try review.reason(key, context: context, c) : "its case is closed"
            try actions.finish(c, id: action.id, state: "cancelled", reason: reason)
            try actions.recordEvent(c, kind: "work_cancelled", debtorID: debtorID, invoiceID: action.invoiceID, actionID: action.id,
                                    detail: try PostgresJSON(encoding: ["reason": reason]))
            try review.apply(plan, context: &context, c)
            return Output(summary: "cancelled: \(reason)")
        }
        guard try actions.tenantIsActive(c) else {
            try actions.reschedule(c, id: action.id, at: now.addingTimeInterval(SendTimeCheck.pausedRetryDelay), error: nil)
            return Output(summary: "postponed: tenant paused")
        }
        if planned.dueAt > now {
            try actions.reschedule(c, id: action.id, at: planned.dueAt, error: nil)
            return Output(summary: "postponed: not yet its moment")
        }
        if planned.requiresApproval && action.approvedAt == nil {
            return try hold(action, planned: planned, context: context, c)
        }
        if planned.channel != .task,
           let until = SendTimeCheck.spacingDelay(now: now, lastMessageAt: try work.lastMessageSent(c, debtorID: debtorID),
                                                  spacing: configuration.calendar.minimumSpacing,
                                                  calendar: context.calendar.calendar(for: planned.channel.deliveryChannel)) {
            // Not two messages too close together: this one waits for the spacing to pass.
            try actions.reschedule(c, id: action.id, at: until, error: nil)
            return Output(summary: "postponed: spacing")
        }
        return try execute(action, planned: planned, context: &context, c)
    }

    // MARK: - Executing

    private func execute(_ action: ClaimedAction, planned: PlannedWork, context: inout DebtorContext,
                         _ c: PostgresConnection) throws -> Output {
        let debtor = context.debtor
        let today = context.calendar.localDay(of: context.now)
        var detail: [String: any Sendable] = ["template": planned.template, "stage": planned.stage.rawValue,
                                              "channel": planned.channel.rawValue, "invoice_ids": planned.invoiceIds]
        let merged = try sameDayCourtesy(as: planned, context: context, c)
        let listed = standing(planned.invoiceIds + merged.flatMap(\.work.invoiceIds), in: context.situation)
        let delivery = StepDelivery(tenant: tenant, configuration: configuration, renderer: renderer, work: work, logger: logger)

        var mail: OutgoingMail?
        var files: [LetterSpool.StagedLetter] = []
        var post: OutgoingPost?
        switch planned.channel {
        case .email, .letter:
            switch try delivery.message(planned, action: action, invoices: listed, context: context, detail: &detail, c) {
            case .mail(let outgoing): mail = outgoing
            case .letter(let staged, let letterPost): files = staged; post = letterPost
            }
        case .task:
            files = try delivery.task(planned, action: action, invoices: listed, context: context, detail: &detail, c)
        case .sms, .webhook:
            post = try delivery.post(planned, action: action, invoices: listed, context: context, detail: &detail, c)
            detail["delivered"] = true
        }

        try actions.succeed(c, id: action.id, outcome: try PostgresJSON(encoding: JSONDetail(detail)))
        try actions.recordEvent(c, kind: eventKind(planned.key), debtorID: debtor.id, invoiceID: action.invoiceID,
                                actionID: action.id, detail: try PostgresJSON(encoding: JSONDetail(detail)))
        for other in merged {
            try actions.succeed(c, id: other.pending.id, outcome: try PostgresJSON(encoding: ["merged_into": action.id]))
        }
        if case .step(let position) = planned.key, let open = context.situation.openCase {
            let notice = planned.stage == .formalNotice && planned.channel != .task
            try work.advanceCase(c, id: open.id, position: position, stage: planned.stage, at: context.now,
                                 formalNoticeOn: notice ? today : nil)
            if notice {
                try actions.recordEvent(c, kind: "formal_notice_sent", debtorID: debtor.id, invoiceID: nil, actionID: action.id,
                                        detail: try PostgresJSON(encoding: JSONDetail(["case_id": open.id, "invoice_ids": planned.invoiceIds])))
            }
        }
        // What comes next is planned in the same transaction.
        var situation = CollectionPlanner.applying(planned, at: context.now, to: context.situation)
        for other in merged {
            situation = CollectionPlanner.applying(other.work, at: context.now, to: situation)
        }
        if planned.channel == .task, let open = situation.openCase {
            // The task just opened has a deadline the next review must not miss.
            situation.openTasks = try TaskDeadlineStore(slug: tenant.slug)
                .openTasks(c, debtorID: context.debtor.id, caseID: open.id)
        }
        context.situation = situation
        try review.apply(context.reconcile(), context: &context, c)
        return Output(summary: planned.channel == .task ? "task opened" : "sent", mail: mail, files: files, post: post)
    }

    /// Other courtesy reminders of the debtor planned for the same local day: they go out in
    /// this message rather than as a second one.
    private func sameDayCourtesy(as planned: PlannedWork, context: DebtorContext,
                                 _ c: PostgresConnection) throws -> [(work: PlannedWork, pending: ScheduledWork)] {
        guard case .courtesy = planned.key else { return [] }
        let today = context.calendar.localDay(of: context.now)
        let sameDay = context.reconcile().work.filter {
            guard case .courtesy = $0.key else { return false }
            return $0.key != planned.key && context.calendar.localDay(of: $0.dueAt) == today
        }
        guard !sameDay.isEmpty else { return [] }
        let pending = try work.pending(c, debtorID: context.debtor.id).filter { $0.state == "scheduled" }
        return sameDay.compactMap { item in pending.first { $0.key == item.key }.map { (item, $0) } }
    }

    /// A step that needs a person's approval waits, and the collectors get a task asking for it.
    private func hold(_ action: ClaimedAction, planned: PlannedWork, context: DebtorContext, _ c: PostgresConnection) throws -> Output {
        let locale = tenant.locale(for: context.debtor)
        try work.hold(c, id: action.id)
        let title = TaskTitles.approval(stage: planned.stage, template: planned.template, debtorName: context.debtor.name,
                                        total: StepDelivery.total(standing(planned.invoiceIds, in: context.situation), locale),
                                        locale: locale)
        let task = try work.openTask(c, debtorID: context.debtor.id, caseID: context.situation.openCase?.id, actionID: action.id,
                                     kind: "approval", title: title, deadline: nil)
        try actions.recordEvent(c, kind: "action_held", debtorID: context.debtor.id, invoiceID: nil, actionID: action.id,
                                detail: try PostgresJSON(encoding: JSONDetail(["task_id": task ?? 0, "stage": planned.stage.rawValue])))
        return Output(summary: "held for approval")
    }

    // MARK: - Helpers

    private func eventKind(_ key: PlannedWorkKey) -> String {
        switch key {
        case .step: "step_executed"
        case .courtesy: "courtesy_sent"
        case .instalment: "instalment_reminder_sent"
        }
    }

    private func standing(_ ids: [Int64], in situation: DebtorSituation) -> [InvoiceStanding] {
        let wanted = Set(ids)
        return situation.invoices.filter { wanted.contains($0.invoiceId) }.map {
            InvoiceStanding(invoiceId: $0.invoiceId, number: $0.number, issuedOn: $0.issuedOn, dueOn: $0.dueOn,
                            amount: $0.amount, outstanding: $0.outstanding)
        }
    }

}

extension PlannedWorkKey {
    /// A step of the case (not a courtesy or instalment reminder).
    var isCaseStep: Bool {
        if case .step = self { return true }
        return false
    }

    /// The policy position, or the instalment number.
    var position: Int {
        switch self {
        case .step(let position), .courtesy(_, let position): position
        case .instalment(_, let number, _): number
        }
    }
}
