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

    /// What running the work produced: a summary, and the e-mail to send last, if any.
    struct Output {
        var summary: String
        var mail: OutgoingMail?
    }

    func run(_ action: ClaimedAction, now: Date, _ c: PostgresConnection) throws -> Output {
        guard let key = action.workKey, let debtorID = action.debtorID, let debtor = try actions.lockDebtor(c, id: debtorID) else {
            try actions.finish(c, id: action.id, state: "cancelled", reason: "debtor or invoice no longer exists")
            return Output(summary: "cancelled")
        }
        var context = try review.context(c, debtor: debtor, now: now, executing: action.id)
        let plan = context.reconcile()
        guard let planned = plan.work.first(where: { $0.key == key }) else {
            let reason = DebtorReview.reasonNoLongerPlanned(key, context: context)
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
        let locale = debtor.locale.flatMap(MessageLocale.init(rawValue:)) ?? tenant.locale
        var detail: [String: any Sendable] = ["template": planned.template, "stage": planned.stage.rawValue,
                                              "channel": planned.channel.rawValue, "invoice_ids": planned.invoiceIds]
        var mail: OutgoingMail?
        var merged: [ScheduledWork] = []
        var listed = standing(planned.invoiceIds, in: context.situation)
        var carriedForward = false

        if case .courtesy = planned.key {
            // Other courtesy reminders due today go out in this message, not as a second one.
            let today = context.calendar.localDay(of: context.now)
            let sameDay = context.reconcile().work.filter {
                if case .courtesy = $0.key { return $0.key != planned.key && context.calendar.localDay(of: $0.dueAt) == today }
                return false
            }
            let keys = Set(sameDay.map(\.key))
            merged = try work.pending(c, debtorID: debtor.id).filter { keys.contains($0.key) && $0.state == "scheduled" }
            let extra = sameDay.filter { item in merged.contains { $0.key == item.key } }.flatMap(\.invoiceIds)
            listed = standing(planned.invoiceIds + extra, in: context.situation)
        }

        switch planned.channel {
        case .email, .letter:
            let statement = planned.stage >= .formalNotice
                ? try work.claimStatement(c, debtorID: debtor.id, asOf: today).filter { Set(planned.invoiceIds).contains($0.invoiceId) }
                : nil
            carriedForward = statement?.contains(where: \.ratesCarriedForward) ?? false
            let claim = statement?.map {
                ClaimFigures(number: $0.number, dueOn: $0.dueOn, daysLate: $0.daysLate, principal: $0.principal,
                             penalty: $0.penalty, indemnity: $0.indemnity, total: $0.total)
            }
            let model = ReminderModel(
                creditorName: tenant.displayName, debtorName: debtor.name, locale: locale,
                step: planned.key.position, invoices: listed, asOf: today, replyTo: tenant.emailFrom ?? configuration.emailFrom,
                claim: claim, consumer: context.situation.debtorKind == .consumer,
                instalment: instalment(of: planned.key, in: context.situation),
                disputedInvoiceIds: Set(context.situation.invoices.filter(\.disputed).map(\.invoiceId)))
            let content = try renderer.render(template: planned.template, model: model)
            if planned.channel == .email {
                guard let address = debtor.email else {
                    throw DeliveryFailure(description: "the debtor has no e-mail address; add one or use a letter step", isPermanent: true)
                }
                let from = tenant.emailFrom ?? configuration.emailFrom
                let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
                let messageID = EmailMessage.messageID(action: action.id, tenant: tenant.slug.rawValue, domain: domain)
                let message = EmailMessage(from: from, fromName: tenant.displayName, to: address, toName: debtor.name,
                                           subject: content.subject, textBody: content.textBody, messageID: messageID, date: context.now)
                mail = OutgoingMail(message: message, relayURL: tenant.smtpURL ?? configuration.smtpURL, envelopeFrom: from, recipient: address)
                detail["message_id"] = messageID
            } else {
                let letter = LetterLayout.text(creditor: tenant.displayName, debtor: debtor, subject: content.subject,
                                               body: content.textBody, day: today, locale: locale)
                detail["letter"] = try LetterSpool(directory: configuration.letterSpool)
                    .write(letter, tenant: tenant.slug, actionID: action.id, template: planned.template)
            }
            detail["delivered"] = true
            detail["invoices"] = listed.map(\.number)
            if let claim { detail["claim_total"] = claim.map(\.total.amount.description).joined(separator: "+") }
            if carriedForward {
                detail["rates_carried_forward"] = true
                logger.warning("legal rates are missing for a half-year; the claim carries the latest rates forward: add the published rates to recouvre.legal_rates",
                               metadata: ["tenant": "\(tenant.slug)", "action": "\(action.id)"])
            }
        case .task:
            let kind = TaskTitles.stepKinds.contains(planned.template) ? planned.template : "call"
            let title = TaskTitles.title(kind: kind, debtorName: debtor.name, total: total(listed, locale), locale: locale)
            let taskCalendar = context.calendar.calendar(for: .call)
            let deadlineDay = (0..<(kind == "call" ? 2 : 5)).reduce(today) { day, _ in taskCalendar.firstSendingDay(after: day) }
            let deadline = context.calendar.instant(of: deadlineDay, at: LocalTime(hour: 18, minute: 0)!)
            let taskID = try work.openTask(c, debtorID: debtor.id, caseID: context.situation.openCase?.id, actionID: action.id,
                                           kind: kind, title: title, deadline: deadline)
            detail["task_id"] = taskID.map(String.init) ?? "exists"
        case .sms, .webhook:
            throw DeliveryFailure(description: "no \(planned.channel.rawValue) gateway is configured for tenant \(tenant.slug); "
                                  + "use an e-mail, letter or task step in the policy", isPermanent: true)
        }

        try actions.succeed(c, id: action.id, outcome: try PostgresJSON(encoding: JSONDetail(detail)))
        try actions.recordEvent(c, kind: eventKind(planned.key), debtorID: debtor.id, invoiceID: action.invoiceID,
                                actionID: action.id, detail: try PostgresJSON(encoding: JSONDetail(detail)))
        for other in merged {
            try actions.succeed(c, id: other.id, outcome: try PostgresJSON(encoding: ["merged_into": action.id]))
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
            if let item = context.reconcile().work.first(where: { $0.key == other.key }) {
                situation = CollectionPlanner.applying(item, at: context.now, to: situation)
            }
        }
        context.situation = situation
        try review.apply(context.reconcile(), context: &context, c)
        return Output(summary: planned.channel == .task ? "task opened" : "sent", mail: mail)
    }

    /// A step that needs a person's approval waits, and the collectors get a task asking for it.
    private func hold(_ action: ClaimedAction, planned: PlannedWork, context: DebtorContext, _ c: PostgresConnection) throws -> Output {
        let locale = context.debtor.locale.flatMap(MessageLocale.init(rawValue:)) ?? tenant.locale
        try work.hold(c, id: action.id)
        let title = TaskTitles.approval(stage: planned.stage, template: planned.template, debtorName: context.debtor.name,
                                        total: total(standing(planned.invoiceIds, in: context.situation), locale), locale: locale)
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

    private func total(_ invoices: [InvoiceStanding], _ locale: MessageLocale) -> String {
        ReminderModel(creditorName: "", debtorName: "", locale: locale, step: 0, invoices: invoices,
                      asOf: CalendarDay(year: 2000, month: 1, day: 1), replyTo: nil).formattedTotal
    }

    private func instalment(of key: PlannedWorkKey, in situation: DebtorSituation) -> InstalmentDetails? {
        guard case .instalment(_, let number, _) = key, let plan = situation.plan,
              let instalment = plan.instalments.first(where: { $0.number == number }) else { return nil }
        // What is left of this instalment once earlier ones are covered by what was paid.
        let before = plan.instalments.filter { $0.number < number }.reduce(Decimal(0)) { $0 + $1.amount.amount }
        let left = max(0, min(instalment.amount.amount, before + instalment.amount.amount - plan.paidSince.amount))
        return InstalmentDetails(number: number, count: plan.instalments.count, dueOn: instalment.dueOn,
                                 amount: Money(amount: left, currency: instalment.amount.currency))
    }
}

extension PlannedWorkKey {
    /// The policy position, or the instalment number.
    var position: Int {
        switch self {
        case .step(let position), .courtesy(_, let position): position
        case .instalment(_, let number, _): number
        }
    }
}
