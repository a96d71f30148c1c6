import Foundation
import Logging
import Postgres
import RecouvreChannels
import RecouvreCore
import RecouvreStore

/// Executes one claimed action: re-check, render, record, deliver, plan next.
///
/// Runs synchronously on a worker's database connection thread. Each action is one READ
/// COMMITTED transaction: the state change, its event and the next step commit together, and
/// the send-time check reads under locks that make a concurrently committed payment visible.
/// Everything is written before the message goes out, so that the send is the last step
/// before `COMMIT`: a refused delivery rolls it all back and is recorded as a failed attempt;
/// a commit that fails after the relay took the message leaves the action under its lease,
/// and it is sent again when the lease expires, with the same Message-ID (at-least-once
/// delivery, exactly-once intent); so does a message the relay may have taken without
/// answering. Nothing after a delivery is ever recorded as a failure.
struct ActionRunner: Sendable {
    let owner: String
    let configuration: DaemonConfiguration
    let renderer: ReminderRenderer
    let policy: ReminderPolicy
    let logger: Logger
    let now: @Sendable () -> Date

    /// What became of an action.
    enum Result: Equatable {
        case done(String)
        /// The action was no longer this daemon's to run: merged into a message sent a moment
        /// ago, cancelled, or its lease expired and another daemon took it over.
        case notOurs
    }

    /// Lock timeout, deadlock, statement timeout, serialization failure: contention that
    /// clears by itself.
    static let transientStates: Set<String> = ["55P03", "40P01", "57014", "40001"]

    func run(_ action: ClaimedAction, tenant: TenantRecord, connection c: PostgresConnection, mail: MailSession) throws -> Result {
        let store = ActionStore(slug: tenant.slug)
        var deliveredMessageID: String?
        do {
            return try c.transaction(isolation: .readCommitted) { c in
                guard try store.lockClaimed(c, id: action.id, owner: owner) else { return .notOurs }
                switch action.kind {
                case .planInvoice: return try planInvoice(action, tenant: tenant, store: store, c)
                case .reviewDebtor: return try reviewDebtor(action, store: store, c)
                case .emailReminder:
                    return try sendReminder(action, tenant: tenant, store: store, c, mail: mail) { deliveredMessageID = $0 }
                }
            }
        } catch let failure as DeliveryFailure {
            try recordFailedAttempt(action, store: store, c, error: failure.description, permanent: failure.isPermanent)
            return .done("delivery failed")
        } catch let uncertain as DeliveryUncertain {
            // Perhaps delivered: never a failure. The lease is kept and the message goes again,
            // recognisably, when it expires.
            logger.warning("the relay may have accepted the reminder; it will be sent again when its lease expires",
                           metadata: ["tenant": "\(tenant.slug)", "action": "\(action.id)",
                                      "message_id": "\(uncertain.messageID)", "error": "\(uncertain.description)"])
            return .done("outcome unknown")
        } catch {
            if let messageID = deliveredMessageID {
                // Delivered but not recorded: keep the lease; the retry carries the same Message-ID.
                logger.error("reminder delivered but not recorded; it will be sent again when its lease expires",
                             metadata: ["tenant": "\(tenant.slug)", "action": "\(action.id)",
                                        "message_id": "\(messageID)", "error": "\(error)"])
                throw error
            }
            if let postgres = error as? PostgresError, postgres.isConnectionLost { throw error }
            if let postgres = error as? PostgresError, let state = postgres.sqlState, Self.transientStates.contains(state) {
                // Contention, not the action's fault: try again soon without using an attempt.
                try c.transaction(isolation: .readCommitted) { c in
                    guard try store.lockClaimed(c, id: action.id, owner: owner) else { return }
                    try store.reschedule(c, id: action.id, at: now().addingTimeInterval(Double.random(in: 15...45)), error: nil)
                }
                logger.notice("action postponed by database contention",
                              metadata: ["tenant": "\(tenant.slug)", "action": "\(action.id)", "sqlstate": "\(state)"])
                return .done("postponed: \(state)")
            }
            // A database or template error: a failed attempt, retried with backoff and in the
            // end dead and visible to ops, instead of a lease that expires again and again.
            try recordFailedAttempt(action, store: store, c, error: "\(error)", permanent: false)
            return .done("failed: \(error)")
        }
    }

    // MARK: - Planning

    private func planInvoice(_ action: ClaimedAction, tenant: TenantRecord, store: ActionStore, _ c: PostgresConnection) throws -> Result {
        guard let invoiceID = action.invoiceID, let debtorID = action.debtorID,
              let debtor = try store.lockDebtor(c, id: debtorID),
              let invoice = try store.invoice(c, id: invoiceID, debtorID: debtorID) else {
            try store.succeed(c, id: action.id, outcome: try PostgresJSON(encoding: ["skipped": "invoice no longer exists"]))
            return .done("skipped")
        }
        let calendar = calendar(for: debtor, tenant: tenant)
        let current = now()
        guard invoice.outstanding.isPositive else {
            try store.succeed(c, id: action.id, outcome: try PostgresJSON(encoding: ["skipped": "paid"]))
            return .done("paid")
        }
        guard let first = ReminderPlanner.firstReminder(dueOn: invoice.dueOn, policy: policy, calendar: calendar, now: current) else {
            try store.succeed(c, id: action.id, outcome: try PostgresJSON(encoding: ["skipped": "policy has no step"]))
            return .done("no step")
        }
        // A re-dated invoice whose first reminder has not gone yet: move it.
        let pending = try store.pendingReminders(c, debtorID: debtorID, owner: owner).filter { $0.invoiceID == invoiceID }
        if let waiting = pending.first(where: { $0.step == first.step }) {
            if waiting.dueAt != first.dueAt { try store.moveReminder(c, id: waiting.id, to: first.dueAt) }
            try store.succeed(c, id: action.id, outcome: try PostgresJSON(encoding: ["moved": waiting.id]))
            try store.recordEvent(c, kind: "reminder_rescheduled", debtorID: debtorID, invoiceID: invoiceID,
                                  actionID: waiting.id, detail: try PostgresJSON(encoding: ["due_at": iso(first.dueAt)]))
            return .done("moved")
        }
        if try store.lastSentStep(c, invoiceID: invoiceID) != nil || !pending.isEmpty {
            try store.succeed(c, id: action.id, outcome: try PostgresJSON(encoding: ["skipped": "already under way"]))
            return .done("under way")
        }
        let id = try store.scheduleReminder(c, debtorID: debtorID, invoiceID: invoiceID, reminder: first)
        try store.succeed(c, id: action.id, outcome: try PostgresJSON(encoding: ["scheduled": id.map(String.init) ?? "exists"]))
        if let id {
            try recordScheduled(first, id: id, debtorID: debtorID, invoiceID: invoiceID, store: store, c)
        }
        return .done("planned")
    }

    /// After a payment: cancel the reminders still pending for what is now paid.
    private func reviewDebtor(_ action: ClaimedAction, store: ActionStore, _ c: PostgresConnection) throws -> Result {
        guard let debtorID = action.debtorID, try store.lockDebtor(c, id: debtorID) != nil else {
            try store.succeed(c, id: action.id, outcome: try PostgresJSON(encoding: ["skipped": "debtor no longer exists"]))
            return .done("skipped")
        }
        let open = Set(try store.openInvoices(c, debtorID: debtorID).map(\.invoiceId))
        var cancelled: [Int64] = []
        for reminder in try store.pendingReminders(c, debtorID: debtorID, owner: owner) where !open.contains(reminder.invoiceID) {
            try store.finish(c, id: reminder.id, state: "cancelled", reason: "paid")
            try store.recordEvent(c, kind: "reminder_cancelled", debtorID: debtorID, invoiceID: reminder.invoiceID,
                                  actionID: reminder.id, detail: try PostgresJSON(encoding: ["reason": "paid"]))
            cancelled.append(reminder.id)
        }
        try store.succeed(c, id: action.id, outcome: try PostgresJSON(encoding: ["cancelled": cancelled]))
        return .done("cancelled \(cancelled.count)")
    }

    // MARK: - Sending

    private func sendReminder(_ action: ClaimedAction, tenant: TenantRecord, store: ActionStore, _ c: PostgresConnection,
                              mail: MailSession, delivered: (String) -> Void) throws -> Result {
        guard let debtorID = action.debtorID, let debtor = try store.lockDebtor(c, id: debtorID) else {
            try store.finish(c, id: action.id, state: "cancelled", reason: "debtor no longer exists")
            return .done("cancelled")
        }
        let calendar = calendar(for: debtor, tenant: tenant)
        let current = now()
        let invoice = try action.invoiceID.flatMap { try store.invoice(c, id: $0, debtorID: debtorID) }
        let active = try store.tenantIsActive(c)
        switch SendTimeCheck.decide(invoice: invoice, tenantActive: active, calendar: calendar, now: current) {
        case .cancel(let reason):
            try store.finish(c, id: action.id, state: "cancelled", reason: reason)
            try store.recordEvent(c, kind: "reminder_cancelled", debtorID: debtorID, invoiceID: action.invoiceID,
                                  actionID: action.id, detail: try PostgresJSON(encoding: ["reason": reason]))
            return .done("cancelled: \(reason)")
        case .postpone(let until):
            try store.reschedule(c, id: action.id, at: until, error: nil)
            return .done("postponed")
        case .send:
            break
        }
        guard let invoice, let address = debtor.email else {
            let reason = "the debtor has no e-mail address"
            try store.finish(c, id: action.id, state: "failed", reason: reason)
            try store.recordEvent(c, kind: "delivery_failed", debtorID: debtorID, invoiceID: action.invoiceID,
                                  actionID: action.id, detail: try PostgresJSON(encoding: ["error": reason]))
            return .done("failed")
        }
        let today = calendar.localDay(of: current)
        // Another message today already listed this invoice (another daemon's, say): this
        // reminder went out with it.
        let startOfToday = calendar.instant(of: today, hour: 0, minute: 0)
        if let earlier = try store.reminderSent(c, debtorID: debtorID, invoiceID: invoice.invoiceId,
                                                atLeastStep: action.step, since: startOfToday) {
            try store.succeed(c, id: action.id, outcome: try PostgresJSON(encoding: ["merged_into": earlier]))
            try planNext(after: action.step, invoiceID: invoice.invoiceId, debtorID: debtorID, sentAt: current,
                         calendar: calendar, store: store, c)
            return .done("merged")
        }

        // Not two messages too close together: this one waits for the spacing to pass.
        let lastMessageAt = try store.lastMessageSent(c, debtorID: debtorID)
        if case .postpone(let until) = SendTimeCheck.decide(
            invoice: invoice, tenantActive: active, calendar: calendar, now: current,
            lastMessageAt: lastMessageAt, spacing: configuration.calendar.minimumSpacing) {
            try store.reschedule(c, id: action.id, at: until, error: nil)
            return .done("postponed: spacing")
        }

        var listed = try store.openInvoices(c, debtorID: debtorID).filter { $0.dueOn < today }
        if !listed.contains(where: { $0.invoiceId == invoice.invoiceId }) { listed.append(invoice) }
        // Reminders of the same debtor due by now, or later today in the debtor's zone, go
        // out with this message rather than as a second e-mail the same day.
        let covered = Set(listed.map(\.invoiceId))
        let merged = try store.pendingReminders(c, debtorID: debtorID, owner: owner).filter {
            $0.id != action.id && covered.contains($0.invoiceID) && ($0.dueAt <= current || calendar.localDay(of: $0.dueAt) == today)
        }
        // The message speaks for its most advanced step: merging never softens an escalation.
        let lead = merged.filter { $0.step > action.step }.max { $0.step < $1.step }
        let step = lead?.step ?? action.step
        let template = (lead != nil ? lead?.template : action.template) ?? "reminder\(step)"

        let locale = debtor.locale.flatMap(MessageLocale.init(rawValue:)) ?? tenant.locale
        let from = tenant.emailFrom ?? configuration.emailFrom
        let relayURL = tenant.smtpURL ?? configuration.smtpURL
        let content = try renderer.render(
            template: template,
            model: ReminderModel(creditorName: tenant.displayName, debtorName: debtor.name, locale: locale,
                                 step: step, invoices: listed, asOf: today, replyTo: from))
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        let messageID = EmailMessage.messageID(action: action.id, tenant: tenant.slug.rawValue, domain: domain)
        let message = EmailMessage(from: from, fromName: tenant.displayName, to: address, toName: debtor.name,
                                   subject: content.subject, textBody: content.textBody, messageID: messageID,
                                   date: current)

        // Record first; the send comes last, just before COMMIT.
        let outcome = try PostgresJSON(encoding: ReminderOutcome(
            messageID: messageID, step: step, template: template, invoiceIDs: listed.map(\.invoiceId),
            invoices: listed.map(\.number), merged: merged.map(\.id)))
        try store.succeed(c, id: action.id, outcome: outcome)
        try store.recordEvent(c, kind: "reminder_sent", debtorID: debtorID, invoiceID: invoice.invoiceId,
                              actionID: action.id, detail: outcome)
        try planNext(after: action.step, invoiceID: invoice.invoiceId, debtorID: debtorID, sentAt: current,
                     calendar: calendar, store: store, c)
        for other in merged {
            try store.succeed(c, id: other.id, outcome: try PostgresJSON(encoding: ["merged_into": action.id]))
            try planNext(after: other.step, invoiceID: other.invoiceID, debtorID: debtorID, sentAt: current,
                         calendar: calendar, store: store, c)
        }

        do {
            _ = try mail.send(message, relayURL: relayURL, envelopeFrom: from, recipient: address)
        } catch where error.outcomeUnknown {
            throw DeliveryUncertain(messageID: messageID, description: error.description)
        } catch {
            throw DeliveryFailure(description: error.description, isPermanent: error.isPermanent)
        }
        delivered(messageID)
        logger.info("reminder sent", metadata: ["tenant": "\(tenant.slug)", "action": "\(action.id)", "step": "\(step)"])
        return .done("sent")
    }

    private func planNext(after step: Int, invoiceID: Int64, debtorID: Int64, sentAt: Date, calendar: SendingCalendar,
                          store: ActionStore, _ c: PostgresConnection) throws {
        guard let next = ReminderPlanner.reminder(after: step, sentAt: sentAt, policy: policy, calendar: calendar, now: sentAt),
              let id = try store.scheduleReminder(c, debtorID: debtorID, invoiceID: invoiceID, reminder: next) else { return }
        try recordScheduled(next, id: id, debtorID: debtorID, invoiceID: invoiceID, store: store, c)
    }

    private func recordScheduled(_ reminder: PlannedReminder, id: Int64, debtorID: Int64, invoiceID: Int64,
                                 store: ActionStore, _ c: PostgresConnection) throws {
        try store.recordEvent(c, kind: "reminder_scheduled", debtorID: debtorID, invoiceID: invoiceID, actionID: id,
                              detail: try PostgresJSON(encoding: ["step": String(reminder.step), "due_at": iso(reminder.dueAt)]))
    }

    /// Records a failed attempt in a transaction of its own: retried later with backoff, or
    /// dead after the last attempt (failed at once when the failure is permanent).
    private func recordFailedAttempt(_ action: ClaimedAction, store: ActionStore, _ c: PostgresConnection,
                                     error: String, permanent: Bool) throws {
        try c.transaction(isolation: .readCommitted) { c in
            guard try store.lockClaimed(c, id: action.id, owner: owner) else { return }
            let retry = RetryPolicy(base: configuration.retryBase, maxAttempts: configuration.maxAttempts)
            let outcome = permanent ? .dead : retry.afterFailure(attempts: action.attempts, now: now(), jitter: Double.random(in: 0...1))
            var detail = ["error": error, "attempt": String(action.attempts)]
            switch outcome {
            case .retry(let at):
                try store.reschedule(c, id: action.id, at: at, error: error)
                detail["retry_at"] = iso(at)
            case .dead:
                try store.finish(c, id: action.id, state: permanent ? "failed" : "dead", reason: error)
                detail["final"] = "true"
            }
            try store.recordEvent(c, kind: "delivery_failed", debtorID: action.debtorID, invoiceID: action.invoiceID,
                                  actionID: action.id, detail: try PostgresJSON(encoding: detail))
        }
        logger.warning("action failed", metadata: ["tenant": "\(store.slug)", "action": "\(action.id)",
                                                   "attempt": "\(action.attempts)", "error": "\(error)"])
    }

    private func calendar(for debtor: DebtorRecord, tenant: TenantRecord) -> SendingCalendar {
        if let name = debtor.timezone, TimeZone(identifier: name) == nil {
            // The database accepted a zone this system cannot read: say so rather than guess silently.
            logger.warning("debtor time zone unknown here; using the tenant's",
                           metadata: ["tenant": "\(tenant.slug)", "debtor": "\(debtor.id)", "timezone": "\(name)"])
        }
        let zone = debtor.timezone.flatMap(TimeZone.init(identifier:))
            ?? TimeZone(identifier: tenant.timezone)
            ?? TimeZone.gmt
        return configuration.calendar.calendar(in: zone)
    }

    private func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}
