import Foundation
import RecouvreCore
import Testing
@testable import RecouvreDaemon

@Suite struct ConfigurationTests {
    @Test func theShippedExampleParsesToTheDefaults() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("deploy/recouvred.conf")
        let text = try String(contentsOf: url, encoding: .utf8)
        var configuration = DaemonConfiguration()
        try configuration.apply(try ConfigFile(parsing: text, name: "recouvred.conf"), name: "recouvred.conf")
        var defaults = DaemonConfiguration()
        defaults.heloName = configuration.heloName
        #expect(configuration == defaults, "deploy/recouvred.conf must document the defaults")
    }

    @Test func valuesOfEveryKind() throws {
        let file = try ConfigFile(parsing: """
            # comment
            [database]
            conninfo = "host=/tmp dbname=x # not a comment"  # a comment
            apply_migrations = false
            [control]
            allowed_uids = [1000, 1001]
            [scheduler]
            workers = 8
            poll_interval_ms = 250
            """, name: "test.conf")
        var configuration = DaemonConfiguration()
        try configuration.apply(file, name: "test.conf")
        #expect(configuration.databaseConninfo == "host=/tmp dbname=x # not a comment")
        #expect(configuration.applyMigrationsAtStart == false)
        #expect(configuration.allowedUIDs == [1000, 1001])
        #expect(configuration.workers == 8)
        #expect(configuration.pollInterval == .milliseconds(250))
    }

    @Test(arguments: [
        ("[scheduler]\nworkers = \"four\"", "test.conf:2: scheduler.workers: expected a whole number"),
        ("[scheduler]\nworkers = 0", "test.conf:2: scheduler.workers: 0 is outside 1…64"),
        ("[scheduler]\nwrokers = 4", "test.conf:2: unknown setting 'scheduler.wrokers'"),
        ("[smtp]\nurl = \"mail.example.com\"", "test.conf:2: smtp.url: "),
        ("[smtp]\nurl = \"smtps://relay.example.com:465?cafile=/nonexistent/ca.pem\"", "test.conf:2: smtp.url: the CA file /nonexistent/ca.pem cannot be read"),
        ("[smtp]\nurl = \"smtp://relay.example.com?starttls=sometimes\"", "test.conf:2: smtp.url: "),
        ("[smtp]\nfrom = \"Recouvrement <r@x.fr>\"", "test.conf:2: smtp.from: 'Recouvrement <r@x.fr>' is not an address"),
        ("[control]\nsocket = \"relative.sock\"", "test.conf:2: control.socket: the socket path must be absolute"),
        ("[log]\nlevel = \"loud\"", "test.conf:2: log.level: expected one of"),
        ("[calendar]\nsend_window = \"19:00-08:00\"", "test.conf:2: calendar.send_window: expected a window"),
        ("[calendar]\nsend_days = [\"monday\"]", "test.conf:2: calendar.send_days: days are written mon"),
        ("[database]\nconninfo = \"unterminated", "test.conf:2: database.conninfo: unterminated string"),
        ("[database\n", "test.conf:1: a section header looks like [name]"),
        ("[scheduler]\nworkers = 2\nworkers = 3", "test.conf:3: scheduler.workers is set twice"),
        ("just words", "test.conf:1: expected key = value"),
    ])
    func badInputIsRefusedWithItsLine(text: String, expected: String) throws {
        do {
            var configuration = DaemonConfiguration()
            try configuration.apply(try ConfigFile(parsing: text, name: "test.conf"), name: "test.conf")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.hasPrefix(expected), "got: \(error.description)")
            #expect(!error.description.contains("secret"), "a password must never be echoed")
        }
    }

    @Test func environmentOverridesTheFile() throws {
        var configuration = DaemonConfiguration()
        try configuration.apply(try ConfigFile(parsing: "[scheduler]\nworkers = 2", name: "f"), name: "f")
        try configuration.apply(environment: [
            "RECOUVRE_WORKERS": "6", "RECOUVRE_DATABASE": "dbname=other", "RECOUVRE_SOCKET": "/run/x.sock",
            "RECOUVRE_SMTP_URL": "smtp://relay:2525", "UNRELATED": "1",
        ])
        #expect(configuration.workers == 6)
        #expect(configuration.databaseConninfo == "dbname=other")
        #expect(configuration.socketPath == "/run/x.sock")
        #expect(configuration.smtpURL == "smtp://relay:2525")
        #expect(throws: ConfigurationError.self) { try configuration.apply(environment: ["RECOUVRE_WORKERS": "many"]) }
    }

    @Test func missingFileIsAClearError() {
        #expect {
            _ = try DaemonConfiguration.load(path: "/nonexistent/recouvred.conf", environment: [:])
        } throws: { error in
            "\(error)" == "/nonexistent/recouvred.conf: cannot read the configuration file"
        }
    }

    @Test func calendarSettingsShapeTheSendingCalendar() throws {
        var configuration = DaemonConfiguration()
        try configuration.apply(try ConfigFile(parsing: """
            [calendar]
            send_window = "09:30-17:00"
            send_days = ["mon", "sat"]
            public_holidays = false
            """, name: "f"), name: "f")
        let calendar = configuration.calendar.calendar(in: try #require(TimeZone(identifier: "Europe/Paris")))
        #expect(calendar.isSendingDay(CalendarDay(year: 2026, month: 12, day: 5)))   // a Saturday
        #expect(!calendar.isSendingDay(CalendarDay(year: 2026, month: 12, day: 2)))  // a Wednesday
        #expect(calendar.isSendingDay(CalendarDay(year: 2026, month: 5, day: 25)))   // Whit Monday, holidays off
        // Saturday 5 December 2026, 08:00 UTC = 09:00 in Paris: before the window opens at 09:30.
        let early = Date(timeIntervalSince1970: 1_796_457_600)
        let next = calendar.nextSendingMoment(atOrAfter: early)
        #expect(next.timeIntervalSince(early) == 30 * 60)
    }

    @Test func lettersAndCallsHaveWindowsOfTheirOwn() throws {
        var configuration = DaemonConfiguration()
        try configuration.apply(try ConfigFile(parsing: """
            [calendar]
            letter_window = "10:00-12:00"
            letter_days = ["tue"]
            call_window = "00:00-24:00"
            call_days = ["sat", "sun"]
            """, name: "f"), name: "f")
        let calendar = configuration.calendar.procedureCalendar(in: try #require(TimeZone(identifier: "Europe/Paris")))
        // Monday 7 December 2026, 08:00 UTC = 09:00 in Paris.
        let monday = Date(timeIntervalSince1970: 1_796_630_400)
        // A letter waits for Tuesday 10:00 Paris (09:00 UTC); a call for Saturday 00:00 Paris.
        #expect(calendar.nextMoment(on: .letter, atOrAfter: monday) == Date(timeIntervalSince1970: 1_796_720_400))
        #expect(calendar.nextMoment(on: .call, atOrAfter: monday) == Date(timeIntervalSince1970: 1_797_030_000))
        // E-mail keeps the default window: Monday 09:00 is inside it.
        #expect(calendar.nextMoment(on: .email, atOrAfter: monday) == monday)
        #expect(throws: ConfigurationError.self) {
            var other = DaemonConfiguration()
            try other.apply(try ConfigFile(parsing: "[calendar]\nletter_days = []", name: "f"), name: "f")
        }
    }

    @Test func retriesMayDifferPerChannel() throws {
        var configuration = DaemonConfiguration()
        try configuration.apply(try ConfigFile(parsing: """
            [delivery]
            max_attempts = 5
            retry_base_seconds = 30
            webhook_max_attempts = 8
            webhook_retry_base_seconds = 120
            """, name: "f"), name: "f")
        #expect(configuration.retryPolicy(for: "webhook") == RetryPolicy(base: .seconds(120), maxAttempts: 8))
        #expect(configuration.retryPolicy(for: "email") == RetryPolicy(base: .seconds(30), maxAttempts: 5))
        #expect(throws: ConfigurationError.self) {
            var other = DaemonConfiguration()
            try other.apply(try ConfigFile(parsing: "[delivery]\npigeon_max_attempts = 3", name: "f"), name: "f")
        }
    }
}
