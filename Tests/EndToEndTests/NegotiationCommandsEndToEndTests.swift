import Foundation
import Postgres
import RecouvreTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The collectors' commands of recouvrectl against the built daemon and a real database:
/// what they print, and what they leave in the tenant's tables.
@Suite(.serialized)
struct NegotiationCommandsEndToEndTests {
    let me = String(cString: getpwuid(getuid()).pointee.pw_name)

    @Test func paymentsPromisesPlansDisputesReductionsTasksAndPolicies() async throws {
        let daemon = try DaemonProcess(settings: """
            [scheduler]
            poll_interval_ms = 200
            """)
        #expect(try await daemon.notify.waitFor("READY=1"), "log: \(daemon.logText)")
        let created = try daemon.ctl("tenant", "create", "nego", "--name", "Fournitures Dupuis SAS",
                                     "--email-from", "relances@dupuis.example")
        #expect(created.status == 0, "\(created.stderr)")

        let sql = try PostgresConnection(conninfo: daemon.conninfo)
        defer { sql.close() }
        func text(_ query: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> String? {
            try sql.query(query, parameters).first?.decodeIfPresent(String.self, at: 0)
        }
        func count(_ query: String, _ parameters: [(any PostgresEncodable)?] = []) throws -> Int {
            try sql.query(query, parameters).first?.decode(Int.self, at: 0) ?? -1
        }
        /// A local day `days` from today in the tenant's zone.
        func day(_ days: Int) throws -> String {
            try text("SELECT ((now() AT TIME ZONE 'Europe/Paris')::date + $1::int)::text", [days]) ?? ""
        }

        try sql.query("""
            INSERT INTO tenant_nego.debtors (external_ref, name, email, locale)
            VALUES ('CLI-1', 'Boulangerie Martin', 'compta-\(UUID().uuidString.prefix(8).lowercased())@martin.example', 'fr')
            """)
        try sql.query("""
            INSERT INTO tenant_nego.invoices (debtor_id, number, issued_on, due_on, amount)
            SELECT d.id, v.number, current_date - v.age - 30, current_date - v.age, v.amount
            FROM tenant_nego.debtors d,
                 (VALUES ('FA-1', 40, 1250.40), ('FA-2', 20, 500.00), ('FA-3', 10, 300.00)) AS v (number, age, amount)
            WHERE d.external_ref = 'CLI-1'
            """)
        // The case the daemon opens for an overdue debtor, opened here if it has not yet.
        try sql.query("""
            INSERT INTO tenant_nego.cases (debtor_id, policy)
            SELECT id, 'business' FROM tenant_nego.debtors WHERE external_ref = 'CLI-1'
            ON CONFLICT (debtor_id) WHERE state = 'open' DO NOTHING
            """)

        // A payment: a plain row, with who entered it in the journal.
        let paid = try daemon.ctl("payment", "record", "--tenant", "nego", "--debtor", "CLI-1", "250.00", "--invoice", "FA-1",
                                  "--reference", "VIR-889")
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(paid.stdout.contains("recorded: 250.00 EUR from CLI-1 for invoice FA-1"), "\(paid.stdout)")
        #expect(try text("SELECT amount::text FROM tenant_nego.payments WHERE reference = 'VIR-889'") == "250.00")
        #expect(try text("SELECT actor FROM tenant_nego.events WHERE kind = 'payment_entered'") == me)
        let badAmount = try daemon.ctl("payment", "record", "--tenant", "nego", "--debtor", "CLI-1", "250,00")
        #expect(badAmount.status == 2)
        #expect(badAmount.stderr.contains("write a positive number with a dot"))
        let unknown = try daemon.ctl("payment", "record", "--tenant", "nego", "--debtor", "CLI-404", "10")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("debtor 'CLI-404' not found in tenant 'nego'"), "\(unknown.stderr)")

        // A promise, made by this user.
        let promised = try daemon.ctl("promise", "add", "--tenant", "nego", "--debtor", "CLI-1", "500.00", "--date", try day(10),
                                      "--note", "will pay on the 10th")
        #expect(promised.status == 0, "\(promised.stderr)")
        #expect(try text("SELECT made_by FROM tenant_nego.promises WHERE state = 'open'") == me)
        let tooFar = try daemon.ctl("promise", "add", "--tenant", "nego", "--debtor", "CLI-1", "500.00", "--date", try day(200))
        #expect(tooFar.status == 1)
        #expect(tooFar.stderr.hasPrefix("error: "), "\(tooFar.stderr)")

        // A plan must sum to the collectible overdue outstanding; the refusal says how much that is.
        let wrongSum = try daemon.ctl("plan", "create", "--tenant", "nego", "--debtor", "CLI-1",
                                      "--instalment", "\(try day(5))=100.00")
        #expect(wrongSum.status == 1)
        #expect(wrongSum.stderr.contains("1800.40"), "\(wrongSum.stderr)")
        let plan = try daemon.ctl("plan", "create", "--tenant", "nego", "--debtor", "CLI-1",
                                  "--instalment", "\(try day(5))=900.00", "--instalment", "\(try day(35))=900.40")
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("1800.40 EUR in 2 instalments"), "\(plan.stdout)")
        #expect(try count("SELECT count(*) FROM tenant_nego.plan_instalments") == 2)
        #expect(try text("SELECT created_by FROM tenant_nego.payment_plans WHERE state = 'active'") == me)
        #expect(try text("SELECT state FROM tenant_nego.promises ORDER BY id LIMIT 1") == "cancelled")

        // A dispute on one invoice, resolved.
        let opened = try daemon.ctl("--json", "dispute", "open", "--tenant", "nego", "--debtor", "CLI-1", "--invoice", "FA-3",
                                    "--reason", "goods not delivered")
        #expect(opened.status == 0, "\(opened.stderr)")
        let disputeJSON = try #require(try JSONSerialization.jsonObject(with: Data(opened.stdout.utf8)) as? [String: Any])
        let dispute = try #require(disputeJSON["dispute"] as? [String: Any])
        let disputeID = try #require(dispute["id"] as? Int)
        #expect(dispute["invoice"] as? String == "FA-3")
        let resolved = try daemon.ctl("dispute", "resolve", "--tenant", "nego", String(disputeID), "--resume", "--note", "delivered")
        #expect(resolved.status == 0, "\(resolved.stderr)")
        #expect(try text("SELECT resolution || ' by ' || resolved_by FROM tenant_nego.disputes WHERE id = $1", [disputeID])
            == "resume by \(me)")

        // A reduction within the outstanding; one above it is refused with the database's hint.
        let reduced = try daemon.ctl("reduction", "grant", "--tenant", "nego", "--invoice", "FA-2", "50.00", "--reason", "late delivery")
        #expect(reduced.status == 0, "\(reduced.stderr)")
        #expect(try text("SELECT amount::text || ' ' || granted_by FROM tenant_nego.reductions") == "50.00 \(me)")
        let tooMuch = try daemon.ctl("reduction", "grant", "--tenant", "nego", "--invoice", "FA-2", "100000.00", "--reason", "x")
        #expect(tooMuch.status == 1)
        #expect(tooMuch.stderr.hasPrefix("error: ") && tooMuch.stderr.contains("\nhint: "), "\(tooMuch.stderr)")

        // A call task, as a call step opens it, listed and completed.
        try sql.query("""
            INSERT INTO tenant_nego.tasks (debtor_id, case_id, kind, title)
            SELECT debtor_id, id, 'call', 'Call Boulangerie Martin' FROM tenant_nego.cases WHERE state = 'open'
            """)
        let taskID = try count("SELECT id FROM tenant_nego.tasks")
        let tasks = try daemon.ctl("task", "list", "--tenant", "nego")
        #expect(tasks.status == 0, "\(tasks.stderr)")
        #expect(tasks.stdout.contains("call  open   CLI-1 Boulangerie Martin  Call Boulangerie Martin"), "\(tasks.stdout)")
        let misfit = try daemon.ctl("task", "complete", "--tenant", "nego", String(taskID), "--approve")
        #expect(misfit.status == 1)
        #expect(misfit.stderr.contains("is a call: give reached"), "\(misfit.stderr)")
        let called = try daemon.ctl("task", "complete", "--tenant", "nego", String(taskID), "--reached", "yes",
                                    "--reason", "cash_flow", "--next", "escalate", "--note", "asked for time")
        #expect(called.status == 0, "\(called.stderr)")
        #expect(try text("SELECT state || ' ' || completed_by FROM tenant_nego.tasks") == "done \(me)")
        #expect(try text("SELECT expedite::text FROM tenant_nego.cases WHERE state = 'open'") == "true")
        let none = try daemon.ctl("task", "list", "--tenant", "nego")
        #expect(none.stdout == "no tasks\n")

        // Policies: the defaults, one set from YAML, changed from JSON, an invalid one refused.
        let list = try daemon.ctl("policy", "list", "--tenant", "nego")
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("business") && list.stdout.contains("consumer"), "\(list.stdout)")
        let businessYAML = try daemon.ctl("policy", "show", "--tenant", "nego", "business", "--yaml")
        #expect(businessYAML.status == 0, "\(businessYAML.stderr)")
        #expect(businessYAML.stdout.contains("name: business") && businessYAML.stdout.contains("offset_days:"))
        let yaml = daemon.directory.appendingPathComponent("late.yaml").path
        try """
            name: late-payers
            description: Firmer policy for repeat late payers
            debtor_kind: business
            min_outstanding: 5000.00
            priority: 50
            grace_days: 2
            steps:
              - {position: 1, offset_days: -3, stage: reminder, channel: email, template: courtesy}
              - {position: 2, offset_days: 1, stage: reminder, channel: email, template: reminder1, send_at: 10:30}
              - {position: 3, offset_days: 15, stage: call, channel: task, template: call}
            """.write(toFile: yaml, atomically: true, encoding: .utf8)
        let setYAML = try daemon.ctl("policy", "set", "--tenant", "nego", yaml)
        #expect(setYAML.status == 0, "\(setYAML.stderr)")
        #expect(setYAML.stdout.hasPrefix("policy 'late-payers' created"), "\(setYAML.stdout)")
        #expect(try count("SELECT count(*) FROM tenant_nego.policy_steps WHERE policy = 'late-payers'") == 3)
        #expect(try text("SELECT send_at::text FROM tenant_nego.policy_steps WHERE policy = 'late-payers' AND position = 2") == "10:30:00")
        #expect(try text("SELECT min_outstanding::text FROM tenant_nego.policies WHERE name = 'late-payers'") == "5000.00")
        let json = daemon.directory.appendingPathComponent("late.json").path
        try """
            {"name": "late-payers", "description": "Firmer policy for repeat late payers", "debtor_kind": "business",
             "min_outstanding": "5000.00", "priority": 40, "grace_days": 2,
             "steps": [{"position": 1, "offset_days": -3, "stage": "reminder", "channel": "email", "template": "courtesy"},
                       {"position": 2, "offset_days": 2, "stage": "reminder", "channel": "email", "template": "reminder1",
                        "send_at": "10:30"},
                       {"position": 4, "offset_days": 30, "stage": "formal_notice", "channel": "letter",
                        "template": "formal_notice", "requires_approval": true}]}
            """.write(toFile: json, atomically: true, encoding: .utf8)
        let setJSON = try daemon.ctl("policy", "set", "--tenant", "nego", json)
        #expect(setJSON.status == 0, "\(setJSON.stderr)")
        #expect(setJSON.stdout.contains("policy 'late-payers' updated\n  settings changed: priority\n  steps added: 4\n  steps removed: 3\n  steps changed: 2"),
                "\(setJSON.stdout)")
        #expect(try count("SELECT count(*) FROM tenant_nego.policy_steps WHERE policy = 'late-payers' AND requires_approval") == 1)
        let invalid = try ctl(daemon, ["policy", "set", "--tenant", "nego", "-"], stdin: """
            {"name": "broken", "grace_days": 45,
             "steps": [{"position": 1, "offset_days": 5, "stage": "gossip", "channel": "email", "template": "reminder1"},
                       {"position": 2, "offset_days": -10, "stage": "call", "channel": "task", "template": "call"}]}
            """)
        #expect(invalid.status == 1)
        let problems = invalid.stderr.split(separator: "\n").dropFirst()
        #expect(invalid.stderr.hasPrefix("recouvrectl: policy 'broken' is invalid ("), "\(invalid.stderr)")
        #expect(problems.count >= 3, "\(invalid.stderr)")
        #expect(invalid.stderr.contains("grace_days") && invalid.stderr.contains("steps[0].stage"), "\(invalid.stderr)")
        #expect(try count("SELECT count(*) FROM tenant_nego.policies WHERE name = 'broken'") == 0)
        // Well formed, but not deliverable by this daemon: templates it does not have.
        let undeliverable = try ctl(daemon, ["policy", "set", "--tenant", "nego", "-"], stdin: """
            {"name": "undeliverable",
             "steps": [{"offset_days": 1, "stage": "reminder", "channel": "email", "template": "reminder9"},
                       {"offset_days": 8, "stage": "reminder", "channel": "letter", "template": "reminder7"}]}
            """)
        #expect(undeliverable.status == 1)
        #expect(undeliverable.stderr.contains("steps[0].template: there is no fr template 'reminder9'"), "\(undeliverable.stderr)")
        #expect(undeliverable.stderr.contains("steps[1].template: there is no fr template 'reminder7'"), "\(undeliverable.stderr)")
        #expect(try count("SELECT count(*) FROM tenant_nego.policies WHERE name = 'undeliverable'") == 0)
        let inUse = try daemon.ctl("policy", "delete", "--tenant", "nego", "business")
        #expect(inUse.status == 1)
        #expect(inUse.stderr.contains("policy 'business' is used by 1 case and 0 debtors"), "\(inUse.stderr)")
        let deleted = try daemon.ctl("policy", "delete", "--tenant", "nego", "late-payers")
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(try count("SELECT count(*) FROM tenant_nego.policies WHERE name = 'late-payers'") == 0)

        // The whole case in one view.
        let shown = try daemon.ctl("--json", "case", "show", "--tenant", "nego", "--debtor", "CLI-1")
        #expect(shown.status == 0, "\(shown.stderr)")
        let view = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let invoices = try #require(view["invoices"] as? [[String: Any]])
        #expect(invoices.map { $0["number"] as? String } == ["FA-1", "FA-2", "FA-3"])
        #expect(invoices.first?["outstanding"] as? String == "1000.40")
        #expect(invoices.dropFirst().first?["reduced"] as? String == "50.00")
        #expect(invoices.allSatisfy { $0["inPlan"] as? Bool == true }, "\(invoices)")
        let viewPlan = try #require(view["plan"] as? [String: Any])
        #expect((viewPlan["instalments"] as? [[String: Any]])?.map { $0["paid"] as? Bool } == [false, false])
        #expect((view["disputes"] as? [[String: Any]])?.count == 1)
        #expect((view["reductions"] as? [[String: Any]])?.count == 1)
        #expect((view["case"] as? [String: Any])?["policy"] as? String == "business")
        let events = try #require(view["events"] as? [[String: Any]])
        #expect(!events.isEmpty && events.count <= 20)
        #expect(events.contains { $0["kind"] as? String == "plan_created" && $0["actor"] as? String == me }, "\(events)")
        let human = try daemon.ctl("case", "show", "--tenant", "nego", "--debtor", "CLI-1")
        #expect(human.stdout.contains("open invoices\nNUMBER") && human.stdout.contains("in plan"), "\(human.stdout)")
    }

    /// Runs the built `recouvrectl` against `daemon` with `stdin` as its standard input.
    func ctl(_ daemon: DaemonProcess, _ arguments: [String], stdin: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = BuiltProducts.executable("recouvrectl")
        process.arguments = ["--socket", daemon.socketPath] + arguments
        let input = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        // Closed here, not left to deinit: Foundation may reuse the number under concurrency.
        try? out.fileHandleForReading.close()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        // Closed here, not left to deinit: Foundation may reuse the number under concurrency.
        try? err.fileHandleForReading.close()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
