import Foundation
import Logging
import Postgres
import RecouvreChannels
import RecouvreCore
import RecouvreStore
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

/// Two daemons with the same clock on the same due work: each step is done once, each letter
/// written once, and the claim's fees are counted once.
@Suite(.serialized) struct ProcedureIdempotenceTests {
    let mailbox: CapturedMailbox

    init() throws { mailbox = try CapturedMailbox.fromEnvironment() }

    /// A second daemon: its own owner, queue and connection, the fixture's clock.
    final class OtherDaemon {
        let queue = WorkQueue(owner: "other-daemon", lease: .seconds(60))
        let connection: PostgresConnection
        unowned let fixture: RunnerFixture

        init(_ fixture: RunnerFixture) throws {
            self.fixture = fixture
            connection = try PostgresConnection(conninfo: fixture.conninfo)
        }

        deinit { connection.close() }

        var runner: ActionRunner {
            ActionRunner(owner: queue.owner, configuration: fixture.configuration, renderer: try! ReminderRenderer(),
                         logger: Logger(label: "other"), now: { [now = fixture.now] in now })
        }

        func run(_ claimed: ClaimedAction) throws -> ActionRunner.Result {
            try runner.run(claimed, tenant: try TenantRegistry().get(connection, slug: fixture.slug), connection: connection,
                           mail: fixture.mail)
        }
    }

    /// Both daemons take turns claiming what is due at `instant` and run it; each then runs
    /// again what the other just ran, as a stalled daemon waking up would.
    @discardableResult
    private func bothRun(_ fixture: RunnerFixture, _ other: OtherDaemon, until instant: Date) throws -> [ActionRunner.Result] {
        fixture.now = instant
        let tenant = try TenantRegistry().get(fixture.sql, slug: fixture.slug)
        var results: [ActionRunner.Result] = []
        for _ in 0..<20 {
            try fixture.sql.query("""
                UPDATE tenant_runner.actions SET due_at = least(due_at, now() - interval '1 second')
                WHERE state = 'scheduled' AND due_at <= $1
                """, [instant])
            let mine = try fixture.queue.claim(fixture.sql, slug: fixture.slug, limit: 1)
            let theirs = try other.queue.claim(other.connection, slug: fixture.slug, limit: 50)
            if mine.isEmpty && theirs.isEmpty { return results }
            #expect(Set(mine.map(\.id)).isDisjoint(with: theirs.map(\.id)), "an action claimed by both daemons")
            for action in mine { results.append(try fixture.runner.run(action, tenant: tenant, connection: fixture.sql, mail: fixture.mail)) }
            for action in theirs { results.append(try other.run(action)) }
            for action in theirs { #expect(try fixture.runner.run(action, tenant: tenant, connection: fixture.sql, mail: fixture.mail) == .notOurs) }
            for action in mine { #expect(try other.run(action) == .notOurs) }
        }
        Issue.record("work kept coming due at \(instant)")
        return results
    }

    @Test func twoDaemonsWalkingTheSameCaseDoEachStepOnce() async throws {
        let fixture = try RunnerFixture()
        _ = fixture.spool
        let other = try OtherDaemon(fixture)
        try fixture.addInvoice("FA-1", amount: "1000.00")
        try bothRun(fixture, other, until: fixture.now)
        for _ in 0..<3 {
            let next = try #require(try fixture.pendingStep())
            // Reviews asked again and again in between plan nothing twice.
            try fixture.sql.query("SELECT tenant_runner.request_review($1)", [fixture.debtorID])
            try bothRun(fixture, other, until: fixture.now)
            try fixture.sql.query("SELECT tenant_runner.request_review($1)", [fixture.debtorID])
            try bothRun(fixture, other, until: next.dueAt)
        }
        #expect(try fixture.caseValue("position") == "5")
        let steps = try fixture.actions()
        #expect(steps.filter { $0.state == "succeeded" }.map(\.step) == [2, 3, 4, 5])
        #expect(steps.filter { $0.state != "succeeded" }.map(\.state) == ["scheduled"], "only the next step is pending")
        #expect(try fixture.events("step_executed").count == 4)
        #expect(try fixture.events("formal_notice_sent").count == 1)
        #expect(try fixture.tasks().count == 1)
        #expect(try fixture.letters().count == 1)
        #expect(try await mailbox.waitForMessages(to: fixture.recipient, count: 2).count == 2)
    }

    @Test func aFormalNoticeWhoseLeaseWasTakenOverIsWrittenOnceWithTheFeesCountedOnce() async throws {
        let fixture = try RunnerFixture()
        _ = fixture.spool
        let other = try OtherDaemon(fixture)
        try fixture.addInvoice("FA-1", amount: "1000.00")
        try fixture.run(until: fixture.now)
        try fixture.runSteps(through: 4)
        let notice = try #require(try fixture.pendingStep())
        #expect(notice.position == 5)

        // This daemon claims the notice, then stalls past its lease; the other one takes it over.
        // Only the notice is made due: the review asked for at the call's deadline stays where it is.
        fixture.now = notice.dueAt
        try fixture.sql.query("UPDATE tenant_runner.actions SET due_at = now() - interval '1 second' WHERE id = $1", [notice.id])
        let stale = try fixture.queue.claim(fixture.sql, slug: fixture.slug, limit: 10)
        #expect(stale.map(\.id) == [notice.id])
        #expect(try other.queue.claim(other.connection, slug: fixture.slug, limit: 10).isEmpty, "claimed already")
        try fixture.sql.query("UPDATE tenant_runner.actions SET lease_expires_at = now() - interval '1 second' WHERE id = $1",
                              [notice.id])
        #expect(try other.queue.reclaimExpiredLeases(other.connection, slug: fixture.slug) == 1)
        let taken = try other.queue.claim(other.connection, slug: fixture.slug, limit: 10)
        #expect(taken.map(\.id) == [notice.id])
        #expect(try other.run(taken[0]) == .done("sent"))
        let tenant = try TenantRegistry().get(fixture.sql, slug: fixture.slug)
        #expect(try fixture.runner.run(stale[0], tenant: tenant, connection: fixture.sql, mail: fixture.mail) == .notOurs)

        // Reviews again and again the same day: no second notice, no fee added twice.
        for _ in 0..<3 {
            try fixture.sql.query("SELECT tenant_runner.request_review($1)", [fixture.debtorID])
            try fixture.run(until: fixture.now)
        }
        let letters = try fixture.letters()
        #expect(letters.count == 1)
        #expect(try fixture.events("formal_notice_sent").count == 1)
        #expect(try fixture.events("lease_expired").count == 1)
        let day = fixture.today
        let claim = try fixture.claim(asOf: day)
        #expect(claim == (try fixture.claim(asOf: day)))
        let line = try #require(claim.first)
        #expect(claim.count == 1)
        #expect(line["indemnity"] == "40.00", "one indemnity for one invoice")
        let posix = Locale(identifier: "en_US_POSIX")
        let principal = try #require(Decimal(string: (line["principal_outstanding"] ?? nil) ?? "", locale: posix))
        let penalty = try #require(Decimal(string: (line["penalty"] ?? nil) ?? "", locale: posix))
        #expect(Decimal(string: (line["total"] ?? nil) ?? "", locale: posix) == principal + penalty + 40)
        let letter = try #require(letters.first?.text)
        #expect(letter.contains("Total dû : \(euros((line["total"] ?? nil) ?? ""))"), "\(letter)")
        #expect(letter.components(separatedBy: "Indemnité forfaitaire pour frais de recouvrement").count == 2,
                "the indemnity is stated once")
    }
}
