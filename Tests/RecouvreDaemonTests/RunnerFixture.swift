import Foundation
import Logging
import Postgres
import RecouvreChannels
import RecouvreCore
import RecouvreStore
import RecouvreTestSupport
import Testing
@testable import RecouvreDaemon

/// A fresh database with one tenant and one debtor, and the pieces a worker uses: a work
/// queue, an action runner and an SMTP session, wired to the test SMTP server.
final class RunnerFixture {
    let conninfo: String
    let sql: PostgresConnection
    let slug: TenantSlug
    let queue: WorkQueue
    let mail: MailSession
    let recipient: String
    var configuration: DaemonConfiguration
    var now: Date = Date()
    let debtorID: Int64

    init(alwaysOpen: Bool = true, smtpURL: String? = nil, debtorEmail: Bool = true) throws {
        conninfo = try TestDatabase.create()
        sql = try PostgresConnection(conninfo: conninfo)
        _ = try Migrator().migrateControl(sql)
        slug = try TenantSlug("runner")
        _ = try TenantRegistry().create(sql, slug: slug, settings: TenantSettings(
            displayName: "Atelier Durand", timezone: "Europe/Paris", locale: .fr, emailFrom: "relances@durand.example"))
        let smtp = try TestEnvironment.smtpAddress()
        configuration = DaemonConfiguration()
        configuration.smtpURL = smtpURL ?? "smtp://\(smtp.host):\(smtp.port)"
        if alwaysOpen {
            configuration.calendar.windowStartMinutes = 0
            configuration.calendar.windowEndMinutes = 24 * 60
            configuration.calendar.weekdays = Set(1...7)
            configuration.calendar.publicHolidays = false
            configuration.calendar.minimumSpacing = .none
        }
        queue = WorkQueue(owner: "test-worker", lease: .seconds(60))
        mail = MailSession(heloName: "recouvre.test")
        recipient = "debiteur-\(UUID().uuidString.prefix(8).lowercased())@exemple.fr"
        debtorID = try sql.query("""
            INSERT INTO tenant_runner.debtors (external_ref, name, email) VALUES ('D1', 'Boulangerie Martin', $1)
            RETURNING id
            """, [debtorEmail ? recipient : nil]).first!.decode(Int64.self, "id")
    }

    deinit {
        mail.closeAll()
        sql.close()
        try? TestDatabase.drop(conninfo)
    }

    var runner: ActionRunner {
        let now = self.now
        return ActionRunner(owner: queue.owner, configuration: configuration, renderer: try! ReminderRenderer(),
                            logger: Logger(label: "test"), now: { now })
    }

    /// Letters written by the runner go here.
    lazy var spool: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("recouvre-spool-\(UUID().uuidString)").path
        configuration.letterSpool = path
        return path
    }()

    /// Adds an invoice due `daysAgo` days before today (negative: due in the future).
    @discardableResult
    func addInvoice(_ number: String, amount: String = "1250.40", daysAgo: Int = 10) throws -> Int64 {
        try sql.query("""
            INSERT INTO tenant_runner.invoices (debtor_id, number, issued_on, due_on, amount)
            VALUES ($1, $2, current_date - $3::int - 30, current_date - $3::int, $4::numeric)
            RETURNING id
            """, [debtorID, number, daysAgo, amount]).first!.decode(Int64.self, "id")
    }

    /// Claims what is due and runs it, as one worker pass over the tenant would.
    @discardableResult
    func runDue() throws -> [ActionRunner.Result] {
        let tenant = try TenantRegistry().get(sql, slug: slug)
        let claimed = try queue.claim(sql, slug: slug, limit: 50)
        return try claimed.map { try runner.run($0, tenant: tenant, connection: sql, mail: mail) }
    }

    /// Marks every scheduled action due now, as time passing would.
    func makeEverythingDue() throws {
        try sql.query("UPDATE tenant_runner.actions SET due_at = now() - interval '1 second' WHERE state = 'scheduled'")
    }

    /// Moves the runner's clock to `instant` and runs everything planned up to it, as the
    /// daemon would have by then: scheduled actions due by `instant` are made due in the
    /// database (whose clock does not move), then run, until nothing more is due.
    @discardableResult
    func run(until instant: Date) throws -> [ActionRunner.Result] {
        now = instant
        var results: [ActionRunner.Result] = []
        for _ in 0..<50 {
            try sql.query("""
                UPDATE tenant_runner.actions SET due_at = least(due_at, now() - interval '1 second')
                WHERE state = 'scheduled' AND due_at <= $1
                """, [instant])
            let round = try runDue()
            if round.isEmpty { return results }
            results += round
        }
        Issue.record("work kept coming due at \(instant)")
        return results
    }

    /// Moves the clock `days` days forward from the current one and runs what is due.
    @discardableResult
    func run(daysLater days: Int, hour: Int = 12) throws -> [ActionRunner.Result] {
        let calendar = configuration.calendar.procedureCalendar(in: TimeZone(identifier: "Europe/Paris")!)
        let day = calendar.localDay(of: now).adding(days: days)
        return try run(until: calendar.instant(of: day, at: LocalTime(hour: hour, minute: 0)!))
    }

    /// The local day in Paris of `now` plus `days`.
    func day(_ days: Int) -> CalendarDay {
        configuration.calendar.procedureCalendar(in: TimeZone(identifier: "Europe/Paris")!).localDay(of: now).adding(days: days)
    }

    /// Rows of a query as dictionaries of text.
    func rows(_ query: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> [[String: String?]] {
        try sql.query(query, parameters).rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(row.columns, row.values))
        }
    }

    /// One value.
    func value(_ query: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> String? {
        try sql.query(query, parameters).first?.values.first ?? nil
    }

    func actions(kind: String = "step") throws -> [(id: Int64, state: String, step: Int, dueAt: Date, attempts: Int, lastError: String?)] {
        try sql.query("""
            SELECT id, state, step, due_at, attempts, last_error FROM tenant_runner.actions WHERE kind = $1 ORDER BY id
            """, [kind]).rows.map {
            (try $0.decode(Int64.self, "id"), try $0.decode(String.self, "state"), try $0.decode(Int.self, "step"),
             try $0.decode(Date.self, "due_at"), try $0.decode(Int.self, "attempts"), try $0.decodeIfPresent(String.self, "last_error"))
        }
    }

    func events(_ kind: String) throws -> [PostgresJSON] {
        try sql.query("SELECT detail FROM tenant_runner.events WHERE kind = $1 ORDER BY id", [kind])
            .rows.map { try $0.decode(PostgresJSON.self, "detail") }
    }

    /// A loopback port nothing listens on.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
