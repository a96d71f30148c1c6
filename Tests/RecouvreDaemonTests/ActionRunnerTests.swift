import Foundation
import Logging
import Postgres
import RecouvreChannels
import RecouvreCore
import RecouvreStore
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

/// The worker's path for one action — claim, re-check, render, deliver, record, plan next —
/// against the real database and SMTP server, with the default business policy.
@Suite(.serialized) struct ActionRunnerTests {
    let mailbox: CapturedMailbox

    init() throws { mailbox = try CapturedMailbox.fromEnvironment() }

    @Test func overdueInvoicesOpenACaseAndOneMessageListsThemAllOnce() async throws {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1")
        try fixture.addInvoice("FA-2", amount: "318.00", daysAgo: 3)
        try fixture.run(until: fixture.now)
        let errors = try fixture.actions().compactMap(\.lastError)
        #expect(errors.isEmpty, "no failed attempt: \(errors)")

        let messages = try await mailbox.waitForMessages(to: fixture.recipient)
        #expect(messages.count == 1)
        let body = try #require(messages.first?.body)
        #expect(body.contains("FA-1") && body.contains("FA-2"))
        #expect(body.contains("(10 jours de retard)") && body.contains("(3 jours de retard)"), "each invoice's own state: \(body)")
        #expect(body.contains("1\u{202F}568,40\u{00A0}€"), "the total of both invoices: \(body)")
        #expect(try fixture.value("SELECT count(*) FROM tenant_runner.cases WHERE state = 'open'") == "1")
        #expect(try fixture.value("SELECT position FROM tenant_runner.cases") == "2", "reminder1 is step 2 of the business policy")

        // The next step, reminder2 (D+8 from the oldest due date), keeps the policy's 7 days
        // after the step just sent, since the case started late: today + 7 at 09:00.
        let steps = try fixture.actions()
        #expect(steps.map(\.state) == ["succeeded", "scheduled"])
        #expect(steps.map(\.step) == [2, 3])
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        let calendar = fixture.configuration.calendar.procedureCalendar(in: paris)
        #expect(steps[1].dueAt == calendar.instant(of: fixture.day(7), at: .nine))
        #expect(try fixture.events("step_executed").count == 1)

        // Running again finds nothing due and sends nothing.
        #expect(try fixture.run(until: fixture.now).isEmpty)
        #expect(mailbox.messages(to: fixture.recipient).count == 1)
    }

    @Test func aPaymentCommittedBeforeTheSendCancelsTheStepAndClosesTheCase() async throws {
        let fixture = try RunnerFixture()
        let invoice = try fixture.addInvoice("FA-1")
        try fixture.runDue()  // the review opens the case and schedules reminder1, due now
        let tenant = try TenantRegistry().get(fixture.sql, slug: fixture.slug)
        let claimed = try fixture.queue.claim(fixture.sql, slug: fixture.slug, limit: 10)
        #expect(claimed.map(\.kind) == [ClaimedAction.Kind.step])
        // The payment commits after the claim and before the worker's check.
        let payer = try PostgresConnection(conninfo: fixture.conninfo)
        defer { payer.close() }
        try payer.query("INSERT INTO tenant_runner.payments (debtor_id, invoice_id, amount) VALUES ($1, $2, 1250.40)",
                        [fixture.debtorID, invoice])
        let result = try fixture.runner.run(claimed[0], tenant: tenant, connection: fixture.sql, mail: fixture.mail)
        #expect(result == .done("cancelled: paid"))
        #expect(try fixture.actions().map(\.state) == ["cancelled"])
        #expect(try fixture.value("SELECT close_reason FROM tenant_runner.cases") == "paid")
        #expect(try fixture.events("case_closed").count == 1)
        #expect(mailbox.messages(to: fixture.recipient).isEmpty)
    }

    @Test func aPartlyPaidInvoiceIsStillRemindedForWhatRemains() async throws {
        let fixture = try RunnerFixture()
        let invoice = try fixture.addInvoice("FA-1", amount: "1000.00")
        try fixture.sql.query("INSERT INTO tenant_runner.payments (debtor_id, invoice_id, amount) VALUES ($1, $2, 400)",
                              [fixture.debtorID, invoice])
        try fixture.run(until: fixture.now)
        let message = try #require(try await mailbox.waitForMessages(to: fixture.recipient).first)
        #expect(message.body.contains("600,00"), "the outstanding balance: \(message.body)")
    }

    @Test func anUnreachableRelayIsRetriedWithBackoffThenDead() throws {
        let fixture = try RunnerFixture(smtpURL: "smtp://127.0.0.1:\(try RunnerFixture.closedPort())")
        fixture.configuration.maxAttempts = 2
        try fixture.addInvoice("FA-1")
        try fixture.runDue()
        try fixture.runDue()
        var step = try #require(try fixture.actions().first)
        #expect(step.state == "scheduled")
        #expect(step.attempts == 1)
        #expect(step.lastError?.contains("connect") == true)
        #expect(step.dueAt > fixture.now.addingTimeInterval(10), "retried later, not at once")
        #expect(try fixture.events("delivery_failed").count == 1)

        try fixture.makeEverythingDue()
        try fixture.runDue()
        step = try #require(try fixture.actions().first)
        #expect(step.state == "dead")
        #expect(step.attempts == 2)
        #expect(try fixture.events("delivery_failed").count == 2)
        #expect(try fixture.events("step_executed").isEmpty)
        #expect(try fixture.value("SELECT position FROM tenant_runner.cases") == "0", "a dead step does not advance the case")
    }

    @Test func theTenantsOwnRelayIsUsedAndARetryKeepsTheMessageID() async throws {
        // The operator default points nowhere: only the tenant's relay can deliver.
        let fixture = try RunnerFixture(smtpURL: "smtp://127.0.0.1:\(try RunnerFixture.closedPort())")
        try fixture.addInvoice("FA-1")
        try fixture.runDue()
        try fixture.runDue()
        let failed = try #require(try fixture.actions().first)
        #expect(failed.state == "scheduled" && failed.attempts == 1)

        let smtp = try TestEnvironment.smtpAddress()
        _ = try TenantRegistry().update(fixture.sql, slug: fixture.slug,
                                        settings: TenantSettings(smtpURL: "smtp://\(smtp.host):\(smtp.port)"))
        try fixture.makeEverythingDue()
        try fixture.runDue()
        let message = try #require(try await mailbox.waitForMessages(to: fixture.recipient).first)
        #expect(message.header("Message-ID") == "<action-\(failed.id).runner@durand.example>")
        #expect(message.header("From")?.contains("relances@durand.example") == true)
        let sent = try #require(try fixture.actions().first)
        #expect(sent.state == "succeeded" && sent.attempts == 2)
    }

    @Test func aStepClaimedByTwoDaemonsInTurnIsSentOnce() async throws {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1")
        try fixture.runDue()  // review
        let tenant = try TenantRegistry().get(fixture.sql, slug: fixture.slug)
        let claimed = try fixture.queue.claim(fixture.sql, slug: fixture.slug, limit: 10)
        #expect(try fixture.runner.run(claimed[0], tenant: tenant, connection: fixture.sql, mail: fixture.mail) == .done("sent"))
        // Its lease then goes to another daemon (as if this one had stalled): nothing is left to run.
        let other = ActionRunner(owner: "other-daemon", configuration: fixture.configuration, renderer: try ReminderRenderer(),
                                 logger: Logger(label: "test"), now: { [now = fixture.now] in now })
        #expect(try other.run(claimed[0], tenant: tenant, connection: fixture.sql, mail: fixture.mail) == .notOurs)
        // Reviews asked again and again plan nothing twice.
        for _ in 0..<5 {
            try fixture.sql.query("SELECT tenant_runner.request_review($1)", [fixture.debtorID])
            try fixture.runDue()
        }
        #expect(try fixture.actions().map(\.step) == [2, 3])
        #expect(try await mailbox.waitForMessages(to: fixture.recipient).count == 1)
    }

    @Test func aDebtorLockedByAnIntegrationPostponesWithoutUsingAnAttempt() throws {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1")
        try fixture.runDue()
        let integration = try PostgresConnection(conninfo: fixture.conninfo)
        defer { integration.close() }
        try integration.execute("BEGIN")
        try integration.query("SELECT 1 FROM tenant_runner.debtors WHERE id = $1 FOR UPDATE", [fixture.debtorID])
        try fixture.sql.execute("SET lock_timeout = '300ms'")
        let results = try fixture.runDue()
        try integration.execute("ROLLBACK")
        #expect(results == [.done("postponed: 55P03")])
        let step = try #require(try fixture.actions().first)
        #expect(step.state == "scheduled")
        #expect(step.attempts == 0, "contention is not an attempt")
        #expect(step.dueAt > Date())
        #expect(mailbox.messages(to: fixture.recipient).isEmpty)
    }

    @Test func aSecondMessageWaitsForTheMinimumSpacing() async throws {
        let fixture = try RunnerFixture()
        fixture.configuration.calendar.minimumSpacing = MessageSpacing(minimumInterval: 24 * 3600)
        try fixture.addInvoice("FA-1")
        try fixture.run(until: fixture.now)
        _ = try await mailbox.waitForMessages(to: fixture.recipient)
        // An invoice due in two days: its courtesy reminder (D-3) is due now, but waits a day.
        try fixture.addInvoice("FA-2", amount: "80.00", daysAgo: -2)
        let results = try fixture.run(until: fixture.now)
        #expect(results.contains(.done("postponed: spacing")))
        let waiting = try #require(try fixture.actions(kind: "courtesy").first)
        #expect(waiting.state == "scheduled" && waiting.attempts == 0)
        #expect(waiting.dueAt.timeIntervalSince(fixture.now) > 23 * 3600)
        #expect(mailbox.messages(to: fixture.recipient).count == 1)
    }

    @Test func anErrorBeforeDeliveryIsAFailedAttemptNotAStuckLease() throws {
        let fixture = try RunnerFixture()
        try fixture.sql.query("UPDATE tenant_runner.policy_steps SET template = 'no_such_template' WHERE policy = 'business' AND position = 2")
        try fixture.addInvoice("FA-1")
        try fixture.runDue()
        try fixture.runDue()
        let step = try #require(try fixture.actions().first)
        #expect(step.state == "scheduled")
        #expect(step.attempts == 1)
        #expect(step.lastError?.contains("no_such_template") == true)
        #expect(mailbox.messages(to: fixture.recipient).isEmpty)
    }

    @Test func aPausedTenantPostponesWithoutSending() throws {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1")
        try fixture.runDue()
        let tenant = try TenantRegistry().get(fixture.sql, slug: fixture.slug)
        let claimed = try fixture.queue.claim(fixture.sql, slug: fixture.slug, limit: 10)
        _ = try TenantRegistry().pause(fixture.sql, slug: fixture.slug)
        #expect(try fixture.runner.run(claimed[0], tenant: tenant, connection: fixture.sql, mail: fixture.mail)
                == .done("postponed: tenant paused"))
        let step = try #require(try fixture.actions().first)
        #expect(step.state == "scheduled")
        #expect(step.attempts == 0, "a postponement is not an attempt")
        #expect(step.dueAt > fixture.now.addingTimeInterval(30 * 60))
        #expect(mailbox.messages(to: fixture.recipient).isEmpty)
    }

    @Test func outsideTheSendingWindowTheStepWaitsForMondayMorning() throws {
        let fixture = try RunnerFixture(alwaysOpen: false)
        // Sunday 6 December 2026, 03:00 in Paris.
        fixture.now = Date(timeIntervalSince1970: 1_796_522_400)
        try fixture.addInvoice("FA-1")
        try fixture.runDue()
        let planned = try #require(try fixture.actions().first)
        // Long overdue, so not planned in the past: the window's opening on the next sending
        // day, Monday 7 December 2026, 08:00 in Paris = 07:00 UTC.
        #expect(planned.dueAt == Date(timeIntervalSince1970: 1_796_626_800))
        #expect(mailbox.messages(to: fixture.recipient).isEmpty)
    }

    @Test func aDebtorWithoutAnEmailAddressFailsClearly() throws {
        let fixture = try RunnerFixture(debtorEmail: false)
        try fixture.addInvoice("FA-1")
        try fixture.run(until: fixture.now)
        let step = try #require(try fixture.actions().first)
        #expect(step.state == "failed")
        #expect(step.lastError == "the debtor has no e-mail address; add one or use a letter step")
        // The case is not stuck on it: reminder2 is planned, and the formal notice letter will
        // reach the debtor whatever happens to the e-mails.
        #expect(try fixture.value("SELECT position FROM tenant_runner.cases") == "2")
        #expect(try fixture.actions().map(\.step) == [2, 3])
    }

    @Test func anActionWhoseLeaseWentToAnotherDaemonIsLeftAlone() throws {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1")
        try fixture.runDue()
        let tenant = try TenantRegistry().get(fixture.sql, slug: fixture.slug)
        let claimed = try fixture.queue.claim(fixture.sql, slug: fixture.slug, limit: 10)
        try fixture.sql.query("UPDATE tenant_runner.actions SET lease_owner = 'other-daemon' WHERE id = $1", [claimed[0].id])
        #expect(try fixture.runner.run(claimed[0], tenant: tenant, connection: fixture.sql, mail: fixture.mail) == .notOurs)
        #expect(try fixture.actions().first?.state == "running")
        #expect(mailbox.messages(to: fixture.recipient).isEmpty)
    }

    @Test func aTenantsRateLimitHoldsTheNextMessageWithoutUsingAnAttempt() async throws {
        let fixture = try RunnerFixture()
        try fixture.sql.query("INSERT INTO recouvre.tenant_channels (tenant, messages_per_minute) VALUES ('runner', 1)")
        let other = "autre-\(UUID().uuidString.prefix(8).lowercased())@exemple.fr"
        try fixture.sql.query("INSERT INTO tenant_runner.debtors (external_ref, name, email) VALUES ('D2', 'Garage Moreau', $1)", [other])
        try fixture.addInvoice("FA-1")
        try fixture.sql.query("""
            INSERT INTO tenant_runner.invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT id, 'FA-2', current_date - 40, current_date - 10, 200 FROM tenant_runner.debtors WHERE external_ref = 'D2'
            """)
        try fixture.runDue()  // the reviews
        let results = try fixture.runDue()
        #expect(results.filter { $0 == .done("sent") }.count == 1, "\(results)")
        #expect(results.contains(.done("postponed: rate limit")), "\(results)")
        let waiting = try #require(try fixture.actions().first { $0.state == "scheduled" })
        #expect(waiting.attempts == 0)
        #expect(waiting.dueAt.timeIntervalSinceNow > 50, "the next token comes a minute later")
        let delivered = mailbox.messages(to: fixture.recipient).count + mailbox.messages(to: other).count
        #expect(delivered == 1)
    }

    @Test func aCasesEmailsFormOneThread() async throws {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1")
        try fixture.run(until: fixture.now)
        try fixture.run(daysLater: 7)
        let messages = try await mailbox.waitForMessages(to: fixture.recipient, count: 2)
        let first = try #require(messages.first { $0.decodedHeader("Subject")?.hasPrefix("Rappel") == true })
        let second = try #require(messages.first { $0.decodedHeader("Subject")?.hasPrefix("Second rappel") == true })
        let firstID = try #require(first.header("Message-ID"))
        #expect(first.header("In-Reply-To") == nil)
        #expect(second.header("In-Reply-To") == firstID)
        #expect(second.header("References") == firstID)
    }
}
