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
/// against the real database and SMTP server.
@Suite(.serialized) struct ActionRunnerTests {
    let mailbox: CapturedMailbox

    init() throws { mailbox = try CapturedMailbox.fromEnvironment() }

    @Test func anOverdueInvoiceIsRemindedOnceAndItsNextStepPlannedSevenDaysLater() async throws {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1")
        try fixture.addInvoice("FA-2", amount: "318.00", daysAgo: 3)
        try fixture.runDue()  // plan both invoices
        #expect(try fixture.actions().map(\.state) == ["scheduled", "scheduled"])
        try fixture.runDue()  // both reminders are due now: one message lists both invoices

        let messages = try await mailbox.waitForMessages(to: fixture.recipient)
        #expect(messages.count == 1)
        let body = try #require(messages.first?.body)
        #expect(body.contains("FA-1") && body.contains("FA-2"))
        #expect(body.contains("1\u{202F}568,40\u{00A0}€"), "the total of both invoices: \(body)")

        let reminders = try fixture.actions()
        #expect(reminders.filter { $0.step == 1 }.map(\.state) == ["succeeded", "succeeded"])
        let next = reminders.filter { $0.step == 2 }
        #expect(next.count == 2)
        #expect(next.allSatisfy { $0.state == "scheduled" })
        let paris = try #require(TimeZone(identifier: "Europe/Paris"))
        let expected = SendingCalendar(timeZone: paris).localDay(of: fixture.now).adding(days: 7)
        #expect(next.allSatisfy { SendingCalendar(timeZone: paris).localDay(of: $0.dueAt) == expected })
        #expect(try fixture.events("reminder_sent").count == 1)

        // Running again finds nothing due and sends nothing.
        #expect(try fixture.runDue().isEmpty)
        #expect(mailbox.messages(to: fixture.recipient).count == 1)
    }

    @Test func aPaymentCommittedBeforeTheSendCancelsTheReminder() async throws {
        let fixture = try RunnerFixture()
        let invoice = try fixture.addInvoice("FA-1")
        try fixture.runDue()
        // The reminder is claimed, then the payment commits before the worker's check.
        let tenant = try TenantRegistry().get(fixture.sql, slug: fixture.slug)
        let claimed = try fixture.queue.claim(fixture.sql, slug: fixture.slug, limit: 10)
        #expect(claimed.count == 1)
        let payer = try PostgresConnection(conninfo: fixture.conninfo)
        defer { payer.close() }
        try payer.query("INSERT INTO tenant_runner.payments (debtor_id, invoice_id, amount) VALUES ($1, $2, 1250.40)",
                        [fixture.debtorID, invoice])
        let result = try fixture.runner.run(claimed[0], tenant: tenant, connection: fixture.sql, mail: fixture.mail)
        #expect(result == .done("cancelled: paid"))
        #expect(try fixture.actions().map(\.state) == ["cancelled"])
        #expect(try fixture.events("reminder_cancelled").count == 1)
        #expect(mailbox.messages(to: fixture.recipient).isEmpty)
    }

    @Test func aPartlyPaidInvoiceIsStillRemindedForWhatRemains() async throws {
        let fixture = try RunnerFixture()
        let invoice = try fixture.addInvoice("FA-1", amount: "1000.00")
        try fixture.sql.query("INSERT INTO tenant_runner.payments (debtor_id, invoice_id, amount) VALUES ($1, $2, 400)",
                              [fixture.debtorID, invoice])
        try fixture.runDue()  // plan + review
        try fixture.runDue()
        let message = try #require(try await mailbox.waitForMessages(to: fixture.recipient).first)
        #expect(message.body.contains("600,00"), "the outstanding balance: \(message.body)")
    }

    @Test func anUnreachableRelayIsRetriedWithBackoffThenDead() throws {
        let fixture = try RunnerFixture(smtpURL: "smtp://127.0.0.1:\(try RunnerFixture.closedPort())")
        fixture.configuration.maxAttempts = 2
        try fixture.addInvoice("FA-1")
        try fixture.runDue()
        try fixture.runDue()
        var reminder = try #require(try fixture.actions().first)
        #expect(reminder.state == "scheduled")
        #expect(reminder.attempts == 1)
        #expect(reminder.lastError?.contains("connect") == true)
        #expect(reminder.dueAt > fixture.now.addingTimeInterval(10), "retried later, not at once")
        #expect(try fixture.events("delivery_failed").count == 1)

        try fixture.makeEverythingDue()
        try fixture.runDue()
        reminder = try #require(try fixture.actions().first)
        #expect(reminder.state == "dead")
        #expect(reminder.attempts == 2)
        #expect(try fixture.events("delivery_failed").count == 2)
        #expect(try fixture.events("reminder_sent").isEmpty)
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

    @Test func aMergedMessageSpeaksForItsMostAdvancedStep() async throws {
        let fixture = try RunnerFixture()
        let first = try fixture.addInvoice("FA-1")
        let second = try fixture.addInvoice("FA-2", amount: "80.00", daysAgo: 20)
        // FA-1 is at its first reminder, FA-2 already at its second, both due now.
        try fixture.sql.query("""
            INSERT INTO tenant_runner.actions (kind, channel, debtor_id, invoice_id, step, template, due_at)
            VALUES ('email_reminder', 'email', $1, $2, 1, 'reminder1', now()), ('email_reminder', 'email', $1, $3, 2, 'reminder2', now())
            """, [fixture.debtorID, first, second])
        try fixture.sql.query("UPDATE tenant_runner.actions SET state = 'succeeded' WHERE kind = 'plan_invoice'")
        try fixture.runDue()
        let messages = try await mailbox.waitForMessages(to: fixture.recipient)
        #expect(messages.count == 1)
        let subject = try #require(messages.first?.decodedHeader("Subject"))
        #expect(subject.hasPrefix("Second rappel"), "the firmer message goes out: \(subject)")
    }

    @Test func aReminderAnotherDaemonAlreadyCoveredTodayIsNotSentAgain() async throws {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1")
        try fixture.addInvoice("FA-2", amount: "80.00")
        try fixture.runDue()  // plan both
        // Another daemon holds FA-2's reminder while this one sends FA-1's, listing both.
        let other = WorkQueue(owner: "other-daemon", lease: .seconds(60))
        let tenant = try TenantRegistry().get(fixture.sql, slug: fixture.slug)
        let claimedByOther = try other.claim(fixture.sql, slug: fixture.slug, limit: 1)
        try fixture.runDue()
        #expect(try await mailbox.waitForMessages(to: fixture.recipient).count == 1)
        // Then the other daemon runs its reminder: the invoice was in this morning's message.
        let otherRunner = ActionRunner(owner: "other-daemon", configuration: fixture.configuration,
                                       renderer: try ReminderRenderer(), policy: .default,
                                       logger: Logger(label: "test"), now: { Date() })
        let result = try otherRunner.run(claimedByOther[0], tenant: tenant, connection: fixture.sql, mail: fixture.mail)
        #expect(result == .done("merged"))
        #expect(mailbox.messages(to: fixture.recipient).count == 1)
        #expect(try fixture.actions().filter { $0.step == 2 }.count == 2, "both invoices still get their next step")
    }

    @Test func aSofterMessageSentTodayDoesNotStandForAFirmerStep() async throws {
        let fixture = try RunnerFixture()
        let first = try fixture.addInvoice("FA-1")
        let second = try fixture.addInvoice("FA-2", amount: "80.00", daysAgo: 20)
        try fixture.sql.query("UPDATE tenant_runner.actions SET state = 'succeeded' WHERE kind = 'plan_invoice'")
        // FA-2's second reminder is held by another daemon while this one sends FA-1's first.
        try fixture.sql.query("""
            INSERT INTO tenant_runner.actions (kind, channel, debtor_id, invoice_id, step, template, due_at)
            VALUES ('email_reminder', 'email', $1, $2, 2, 'reminder2', now())
            """, [fixture.debtorID, second])
        let other = WorkQueue(owner: "other-daemon", lease: .seconds(60))
        let claimedByOther = try other.claim(fixture.sql, slug: fixture.slug, limit: 1)
        try fixture.sql.query("""
            INSERT INTO tenant_runner.actions (kind, channel, debtor_id, invoice_id, step, template, due_at)
            VALUES ('email_reminder', 'email', $1, $2, 1, 'reminder1', now())
            """, [fixture.debtorID, first])
        try fixture.runDue()
        _ = try await mailbox.waitForMessages(to: fixture.recipient)
        let tenant = try TenantRegistry().get(fixture.sql, slug: fixture.slug)
        let otherRunner = ActionRunner(owner: "other-daemon", configuration: fixture.configuration,
                                       renderer: try ReminderRenderer(), policy: .default,
                                       logger: Logger(label: "test"), now: { Date() })
        #expect(try otherRunner.run(claimedByOther[0], tenant: tenant, connection: fixture.sql, mail: fixture.mail) == .done("sent"))
        let messages = try await mailbox.waitForMessages(to: fixture.recipient, count: 2)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.decodedHeader("Subject")?.hasPrefix("Second rappel") == true })
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
        let reminder = try #require(try fixture.actions().first)
        #expect(reminder.state == "scheduled")
        #expect(reminder.attempts == 0, "contention is not an attempt")
        #expect(reminder.dueAt > Date())
        #expect(mailbox.messages(to: fixture.recipient).isEmpty)
    }

    @Test func aSecondMessageWaitsForTheMinimumSpacing() async throws {
        let fixture = try RunnerFixture()
        fixture.configuration.calendar.minimumSpacing = MessageSpacing(minimumInterval: 24 * 3600)
        try fixture.addInvoice("FA-1")
        try fixture.runDue()
        try fixture.runDue()
        _ = try await mailbox.waitForMessages(to: fixture.recipient)
        // A new overdue invoice arrives minutes later: its reminder waits a day.
        try fixture.addInvoice("FA-2", amount: "80.00", daysAgo: 2)
        try fixture.runDue()  // plan
        let results = try fixture.runDue()
        #expect(results == [.done("postponed: spacing")])
        let waiting = try #require(try fixture.actions().last { $0.step == 1 })
        #expect(waiting.state == "scheduled" && waiting.attempts == 0)
        #expect(waiting.dueAt.timeIntervalSince(fixture.now) > 23 * 3600)
        #expect(mailbox.messages(to: fixture.recipient).count == 1)
    }

    @Test func anErrorBeforeDeliveryIsAFailedAttemptNotAStuckLease() throws {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1")
        try fixture.runDue()
        try fixture.sql.query("UPDATE tenant_runner.actions SET template = 'no_such_template' WHERE kind = 'email_reminder'")
        try fixture.runDue()
        let reminder = try #require(try fixture.actions().first)
        #expect(reminder.state == "scheduled")
        #expect(reminder.attempts == 1)
        #expect(reminder.lastError?.contains("no_such_template") == true)
        #expect(mailbox.messages(to: fixture.recipient).isEmpty)
    }

    @Test func aPausedTenantPostponesWithoutSending() throws {
        let fixture = try RunnerFixture()
        try fixture.addInvoice("FA-1")
        try fixture.runDue()
        let tenant = try TenantRegistry().get(fixture.sql, slug: fixture.slug)
        let claimed = try fixture.queue.claim(fixture.sql, slug: fixture.slug, limit: 10)
        _ = try TenantRegistry().pause(fixture.sql, slug: fixture.slug)
        #expect(try fixture.runner.run(claimed[0], tenant: tenant, connection: fixture.sql, mail: fixture.mail) == .done("postponed"))
        let reminder = try #require(try fixture.actions().first)
        #expect(reminder.state == "scheduled")
        #expect(reminder.attempts == 0, "a postponement is not an attempt")
        #expect(reminder.dueAt > fixture.now.addingTimeInterval(30 * 60))
        #expect(mailbox.messages(to: fixture.recipient).isEmpty)
    }

    @Test func outsideTheSendingWindowTheReminderWaitsForMondayMorning() throws {
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
        try fixture.runDue()
        try fixture.runDue()
        let reminder = try #require(try fixture.actions().first)
        #expect(reminder.state == "failed")
        #expect(reminder.lastError == "the debtor has no e-mail address")
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
}
