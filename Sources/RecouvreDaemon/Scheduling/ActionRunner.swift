import Foundation
import Logging
import Postgres
import RecouvreChannels
import RecouvreCore
import RecouvreStore

/// Executes one claimed action: re-check, render, deliver, record, plan next.
///
/// Runs synchronously on a worker's database connection thread. Each action is one
/// transaction: the state change, its event and the next step commit together, and the
/// send-time check reads under locks that make a concurrently committed payment visible.
/// A message is sent inside that transaction; if the commit then fails, the action keeps its
/// lease and is sent again after it expires, with the same Message-ID (at-least-once delivery,
/// exactly-once intent).
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

    func run(_ action: ClaimedAction, tenant: TenantRecord, connection c: PostgresConnection, mail: MailSession) throws -> Result {
        let store = ActionStore(slug: tenant.slug)
        do {
            return try c.transaction { c in
                guard try store.lockClaimed(c, id: action.id, owner: owner) else { return .notOurs }
                switch action.kind {
                case .planInvoice: return try planInvoice(action, tenant: tenant, store: store, c)
                case .reviewDebtor: return try reviewDebtor(action, store: store, c)
                case .emailReminder: return try sendReminder(action, tenant: tenant, store: store, c, mail: mail)
                }
            }
        } catch let error as PostgresError where !error.isConnectionLost {
            // The action's own transaction rolled back; record the failure in a new one so the
            // action does not sit under a lease until it expires.
            try c.transaction { c in
                guard try store.lockClaimed(c, id: action.id, owner: owner) else { return }
                try recordFailure(action, store: store, c, error: "database error: \(error)", permanent: false)
            }
            return .done("failed: \(error)")
        }
    }

    // MARK: - Planning

    private func planInvoice(_ action: ClaimedAction, tenant: TenantRecord, store: ActionStore, _ c: PostgresConnection) throws -> Result {
        guard let invoiceID = action.invoiceID, let debtorID = action.debtorID,
              let debtor = try store.lockDebtor(c, id: debtorID),
              let invoice = try store.invoice(c, id: invoiceID) else {
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
        if let waiting = pending.first(where: { $0.step == first.step && $0.id != action.id }) {
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
            try store.recordEvent(c, kind: "reminder_scheduled", debtorID: debtorID, invoiceID: invoiceID, actionID: id,
                                  detail: try PostgresJSON(encoding: ["step": String(first.step), "due_at": iso(first.dueAt)]))
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

    private func sendReminder(_ action: ClaimedAction, tenant: TenantRecord, store: ActionStore,
                              _ c: PostgresConnection, mail: MailSession) throws -> Result {
        guard let debtorID = action.debtorID, let debtor = try store.lockDebtor(c, id: debtorID) else {
            try store.finish(c, id: action.id, state: "cancelled", reason: "debtor no longer exists")
            return .done("cancelled")
        }
        let calendar = calendar(for: debtor, tenant: tenant)
        let current = now()
        let invoice = try action.invoiceID.flatMap { try store.invoice(c, id: $0) }
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
        var listed = try store.openInvoices(c, debtorID: debtorID).filter { $0.dueOn < today }
        if !listed.contains(where: { $0.invoiceId == invoice.invoiceId }) { listed.append(invoice) }
        let locale = debtor.locale.flatMap(MessageLocale.init(rawValue:)) ?? tenant.locale
        let from = tenant.emailFrom ?? configuration.emailFrom
        let relayURL = tenant.smtpURL ?? configuration.smtpURL
        let content = try renderer.render(
            template: action.template ?? "reminder1",
            model: ReminderModel(creditorName: tenant.displayName, debtorName: debtor.name, locale: locale,
                                 step: action.step, invoices: listed, asOf: today, replyTo: from))
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        let messageID = EmailMessage.messageID(action: action.id, tenant: tenant.slug.rawValue, domain: domain)
        let message = EmailMessage(from: from, fromName: tenant.displayName, to: address, toName: debtor.name,
                                   subject: content.subject, textBody: content.textBody, messageID: messageID,
                                   date: current)
        let reply: String
        do {
            reply = try mail.client(for: relayURL).send(message, envelopeFrom: from, recipients: [address])
        } catch let error as SMTPError {
            mail.discard(relayURL)
            try recordFailure(action, store: store, c, error: error.description, permanent: error.isPermanent)
            return .done("delivery failed")
        }
        try store.succeed(c, id: action.id, outcome: try PostgresJSON(encoding: [
            "message_id": messageID, "relay_reply": reply,
            "invoices": listed.map(\.number).joined(separator: ","),
        ]))
        try store.recordEvent(c, kind: "reminder_sent", debtorID: debtorID, invoiceID: invoice.invoiceId, actionID: action.id,
                              detail: try PostgresJSON(encoding: [
                                  "message_id": messageID, "step": String(action.step), "relay_reply": reply,
                                  "invoices": listed.map(\.number).joined(separator: ","),
                              ]))
        // Reminders of the same debtor due by now, or later today in the debtor's zone, were
        // covered by this message: mark them done rather than send a second e-mail the same day.
        let covered = Set(listed.map(\.invoiceId))
        var sentSteps = [(invoiceID: invoice.invoiceId, step: action.step)]
        for other in try store.pendingReminders(c, debtorID: debtorID, owner: owner)
        where other.id != action.id && covered.contains(other.invoiceID)
            && (other.dueAt <= current || calendar.localDay(of: other.dueAt) == today) {
            try store.succeed(c, id: other.id, outcome: try PostgresJSON(encoding: ["merged_into": action.id]))
            sentSteps.append((other.invoiceID, other.step))
        }
        for sent in sentSteps {
            if let next = ReminderPlanner.reminder(after: sent.step, sentAt: current, policy: policy, calendar: calendar, now: current),
               let id = try store.scheduleReminder(c, debtorID: debtorID, invoiceID: sent.invoiceID, reminder: next) {
                try store.recordEvent(c, kind: "reminder_scheduled", debtorID: debtorID, invoiceID: sent.invoiceID, actionID: id,
                                      detail: try PostgresJSON(encoding: ["step": String(next.step), "due_at": iso(next.dueAt)]))
            }
        }
        logger.info("reminder sent", metadata: ["tenant": "\(tenant.slug)", "action": "\(action.id)", "step": "\(action.step)"])
        return .done("sent")
    }

    private func recordFailure(_ action: ClaimedAction, store: ActionStore, _ c: PostgresConnection, error: String, permanent: Bool) throws {
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
        logger.warning("delivery failed", metadata: ["tenant": "\(store.slug)", "action": "\(action.id)",
                                                     "attempt": "\(action.attempts)", "error": "\(error)"])
    }

    private func calendar(for debtor: DebtorRecord, tenant: TenantRecord) -> SendingCalendar {
        let zone = debtor.timezone.flatMap(TimeZone.init(identifier:))
            ?? TimeZone(identifier: tenant.timezone)
            ?? TimeZone.gmt
        return configuration.calendar.calendar(in: zone)
    }

    private func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}
