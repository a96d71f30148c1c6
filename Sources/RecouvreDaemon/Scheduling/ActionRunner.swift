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
    /// The settings of this run: the scheduler hands each pass the configuration in force.
    var configuration: DaemonConfiguration
    let renderer: ReminderRenderer
    let logger: Logger
    let now: @Sendable () -> Date
    /// Where claims, outcomes and delivery times are counted; nil counts nothing.
    var metrics: DaemonMetrics? = nil

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
        metrics?.actionClaimed(channel: action.channel, lateness: .seconds(now().timeIntervalSince(action.dueAt)))
        let result = try execute(action, tenant: tenant, connection: c, mail: mail)
        if case .done(let summary) = result, Self.isSuccess(summary) { metrics?.actionSucceeded(channel: action.channel) }
        return result
    }

    /// Whether a run's summary says the action succeeded, rather than being postponed,
    /// cancelled, held, failed or left to its lease.
    static func isSuccess(_ summary: String) -> Bool {
        !["postponed", "cancelled", "held", "outcome unknown", "delivery failed", "failed"].contains { summary.hasPrefix($0) }
    }

    private func execute(_ action: ClaimedAction, tenant: TenantRecord, connection c: PostgresConnection,
                         mail: MailSession) throws -> Result {
        let store = ActionStore(slug: tenant.slug)
        if let later = try rateLimited(action, tenant: tenant, c) {
            // Over the tenant's or the relay's rate: back in the queue for when a token comes,
            // without using an attempt.
            try c.transaction(isolation: .readCommitted) { c in
                guard try store.lockClaimed(c, id: action.id, owner: owner) else { return }
                try store.reschedule(c, id: action.id, at: later, error: nil)
            }
            return .done("postponed: rate limit")
        }
        let review = DebtorReview(tenant: tenant, configuration: configuration, logger: logger)
        var deliveredMessageID: String?
        var files: [LetterSpool.StagedLetter] = []
        do {
            let result: Result = try c.transaction(isolation: .readCommitted) { c in
                guard try store.lockClaimed(c, id: action.id, owner: owner) else { return .notOurs }
                switch action.kind {
                case .reviewDebtor:
                    return try reviewDebtor(action, review: review, store: store, c)
                case .step, .courtesy, .instalmentReminder:
                    let execution = WorkExecution(review: review, renderer: renderer, configuration: configuration, logger: logger)
                    let output = try execution.run(action, now: now(), c)
                    files = output.files
                    if let post = output.post {
                        try deliver(post, action: action, store: store, c)
                        deliveredMessageID = post.idempotencyKey
                    }
                    guard let outgoing = output.mail else { return .done(output.summary) }
                    // Everything is recorded: the send is the last step before COMMIT.
                    let reply: String
                    do {
                        let started = ContinuousClock.now
                        reply = try mail.send(outgoing.message, relayURL: outgoing.relayURL, envelopeFrom: outgoing.envelopeFrom,
                                              recipient: outgoing.recipient, timeout: configuration.deliveryTimeout)
                        metrics?.delivered(channel: action.channel, in: ContinuousClock.now - started)
                    } catch let error as SMTPError where error.outcomeUnknown {
                        throw DeliveryUncertain(messageID: outgoing.message.messageID, description: error.description)
                    } catch let error as SMTPError {
                        throw DeliveryFailure(description: error.description, isPermanent: error.isPermanent)
                    }
                    deliveredMessageID = outgoing.message.messageID
                    // The relay's answer (its queue id) is the delivery's proof.
                    try store.recordEvent(c, kind: "message_accepted", debtorID: action.debtorID, invoiceID: nil, actionID: action.id,
                                          detail: try PostgresJSON(encoding: ["message_id": outgoing.message.messageID, "relay_reply": reply]))
                    logger.info("message sent", metadata: ["tenant": "\(tenant.slug)", "action": "\(action.id)",
                                                           "kind": "\(action.kind.rawValue)"])
                    return .done(output.summary)
                }
            }
            // Committed: the letters and files may now appear in the spool.
            for file in files {
                do {
                    try file.publish()
                } catch {
                    logger.error("file recorded but not published; it stays staged in the spool",
                                 metadata: ["tenant": "\(tenant.slug)", "action": "\(action.id)", "error": "\(LogRedaction.error(error))"])
                }
            }
            return result
        } catch let failure as DeliveryFailure {
            try recordFailedAttempt(action, store: store, c, error: failure.description, permanent: failure.isPermanent,
                                    retryAfter: failure.retryAfter)
            return .done("delivery failed")
        } catch let uncertain as DeliveryUncertain {
            // Perhaps delivered: never a failure. The lease is kept and the message goes again,
            // recognisably, when it expires.
            logger.warning("the relay may have accepted the message; it will be sent again when its lease expires",
                           metadata: ["tenant": "\(tenant.slug)", "action": "\(action.id)",
                                      "message_id": "\(uncertain.messageID)", "error": "\(LogRedaction.text(uncertain.description))"])
            return .done("outcome unknown")
        } catch {
            if let messageID = deliveredMessageID {
                // Delivered but not recorded: keep the lease; the retry carries the same Message-ID.
                logger.error("message delivered but not recorded; it will be sent again when its lease expires",
                             metadata: ["tenant": "\(tenant.slug)", "action": "\(action.id)",
                                        "message_id": "\(messageID)", "error": "\(LogRedaction.error(error))"])
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
            // A database, template or spool error: a failed attempt, retried with backoff and in
            // the end dead and visible to ops, instead of a lease that expires again and again.
            try recordFailedAttempt(action, store: store, c, error: "\(error)", permanent: false, logged: LogRedaction.error(error))
            return .done("failed: \(error)")
        }
    }

    /// Makes a step's signed request, the last thing before `COMMIT`; the receiver's answer is
    /// journaled as the delivery's proof.
    private func deliver(_ post: OutgoingPost, action: ClaimedAction, store: ActionStore, _ c: PostgresConnection) throws {
        let poster = HTTPSPoster(timeout: configuration.deliveryTimeout, caFile: configuration.caFile)
        defer { poster.close() }
        let receipt: HTTPPostReceipt
        do {
            let started = ContinuousClock.now
            receipt = try poster.post(json: post.body, to: post.url, idempotencyKey: post.idempotencyKey, secret: post.secret,
                                      now: now())
            metrics?.delivered(channel: action.channel, in: ContinuousClock.now - started)
        } catch where error.outcomeUnknown {
            // The endpoint may have taken it; the retry carries the same Idempotency-Key, which
            // receivers deduplicate on, so it is an ordinary failed attempt: retried with backoff
            // and in the end dead, never retried forever.
            throw DeliveryFailure(description: error.description + " (it may have been received; the retry carries the same Idempotency-Key)",
                                  isPermanent: false, retryAfter: error.retryAfter)
        } catch {
            throw DeliveryFailure(description: error.description, isPermanent: error.isPermanent, retryAfter: error.retryAfter)
        }
        try store.recordEvent(c, kind: "message_accepted", debtorID: action.debtorID, invoiceID: nil, actionID: action.id,
                              detail: try PostgresJSON(encoding: ["idempotency_key": post.idempotencyKey, "purpose": post.purpose,
                                                                  "status": String(receipt.status), "answer": receipt.bodyExcerpt]))
    }

    /// For a message to the debtor, takes a token from the tenant's bucket and the relay's; the
    /// moment to try again when one of them is empty, else nil.
    private func rateLimited(_ action: ClaimedAction, tenant: TenantRecord, _ c: PostgresConnection) throws -> Date? {
        guard ["email", "sms", "webhook"].contains(action.channel) else { return nil }
        var buckets: [(String, TokenBucket)] = []
        if let limit = try TenantChannels.load(c, slug: tenant.slug).messagesPerMinute, let bucket = TokenBucket(perMinute: limit) {
            buckets.append(("tenant:\(tenant.slug)", bucket))
        }
        if action.channel == "email", let bucket = TokenBucket(perMinute: configuration.relayMessagesPerMinute),
           let relay = try? SMTPRelay(url: tenant.smtpURL ?? configuration.smtpURL) {
            buckets.append(("relay:\(relay.host):\(relay.port)", bucket))
        }
        let limits = RateLimitStore()
        for (key, bucket) in buckets {
            if let later = try limits.take(c, key: key, bucket: bucket) { return later }
        }
        return nil
    }

    /// Looks at a debtor again: opens or closes the case, settles promises and plans, and brings
    /// the scheduled work in line with the policy.
    private func reviewDebtor(_ action: ClaimedAction, review: DebtorReview, store: ActionStore, _ c: PostgresConnection) throws -> Result {
        guard let debtorID = action.debtorID, let debtor = try store.lockDebtor(c, id: debtorID) else {
            try store.succeed(c, id: action.id, outcome: try PostgresJSON(encoding: ["skipped": "debtor no longer exists"]))
            return .done("skipped")
        }
        var context = try review.context(c, debtor: debtor, now: now())
        let summary = try review.apply(context.reconcile(), context: &context, c)
        try store.succeed(c, id: action.id, outcome: try PostgresJSON(encoding: summary))
        return .done("reviewed")
    }

    /// Records a failed attempt in a transaction of its own: retried later with backoff, or
    /// dead after the last attempt (failed at once when the failure is permanent). `logged` is
    /// the error as the log may show it (see `LogRedaction`); `error` is kept whole in the action.
    private func recordFailedAttempt(_ action: ClaimedAction, store: ActionStore, _ c: PostgresConnection,
                                     error: String, permanent: Bool, retryAfter: Duration? = nil, logged: String? = nil) throws {
        try c.transaction(isolation: .readCommitted) { c in
            guard try store.lockClaimed(c, id: action.id, owner: owner) else { return }
            let retry = configuration.retryPolicy(for: action.channel)
            var outcome = permanent ? .dead : retry.afterFailure(attempts: action.attempts, now: now(), jitter: Double.random(in: 0...1))
            // The receiver's Retry-After is honoured when it asks for longer than the backoff.
            if case .retry(let at) = outcome, let wait = retryAfter {
                let asked = now().addingTimeInterval(Double(wait.components.seconds))
                outcome = .retry(at: max(at, asked))
            }
            var detail = ["error": error, "attempt": String(action.attempts)]
            if case .dead = outcome {
                metrics?.actionFailed(channel: action.channel, final: true)
            } else {
                metrics?.actionFailed(channel: action.channel, final: false)
            }
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
            if permanent, action.kind == .step, let caseID = action.caseID, let debtorID = action.debtorID {
                // A step that can never succeed (no address, no gateway, an address the relay
                // refuses) must not hold the case forever: the procedure goes on to the next
                // step, and the failure stays visible in the actions and the journal. A step
                // that died of temporary errors holds the case until ops retry or cancel it.
                let work = WorkStore(slug: store.slug)
                try work.skipFailedStep(c, caseID: caseID, position: action.step, at: now())
                try store.recordEvent(c, kind: "step_failed", debtorID: debtorID, invoiceID: nil, actionID: action.id,
                                      detail: try PostgresJSON(encoding: ["case_id": String(caseID), "position": String(action.step),
                                                                          "error": error]))
                try work.requestReview(c, debtorID: debtorID, at: now())
            }
        }
        logger.warning("action failed", metadata: ["tenant": "\(store.slug)", "action": "\(action.id)",
                                                   "attempt": "\(action.attempts)", "error": "\(logged ?? LogRedaction.text(error))"])
    }

    private func iso(_ date: Date) -> String { date.formatted(.iso8601) }
}
