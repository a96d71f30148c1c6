import ControlProtocol
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The procedure's commands of recouvrectl against the in-memory handler.
@Suite("recouvrectl procedure commands")
struct RecouvrectlProcedureTests {
    let directory: SocketDirectory
    let handler = InMemoryControlHandler(tenants: [.sample("acme")])

    init() throws {
        directory = try SocketDirectory()
    }

    func run(_ arguments: [String], stdin: String? = nil) async throws -> RecouvrectlTests.Outcome {
        let binary = try #require(RecouvrectlTests.binary)
        let socket = directory.socket()
        return try await blocking {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments + ["--socket", socket]
            let out = Pipe(), err = Pipe(), input = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = input
            try process.run()
            if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
            try input.fileHandleForWriting.close()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            // Closed here, not left to deinit: Foundation may reuse the number under concurrency.
            try? out.fileHandleForReading.close()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            // Closed here, not left to deinit: Foundation may reuse the number under concurrency.
            try? err.fileHandleForReading.close()
            process.waitUntilExit()
            return RecouvrectlTests.Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                                            stderr: String(decoding: stderr, as: UTF8.self))
        }
    }

    func serve() throws -> ControlServer {
        let server = ControlServer(path: directory.socket(), handler: handler, access: .default)
        try server.start()
        return server
    }

    @Test("plan: the preview is the default subcommand; a table for people, every field in JSON", .enabled(if: RecouvrectlTests.binary != nil))
    func planPreview() async throws {
        let server = try serve()
        defer { server.stop() }
        let shown = try await run(["plan", "--tenant", "acme", "--debtor", "CLI-1"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("CLI-1  Boulangerie Martin  policy business  (times in Europe/Paris)"), "\(shown.stdout)")
        #expect(shown.stdout.contains("LOCAL TIME        EVENT   STAGE          CHANNEL  TEMPLATE                  INVOICES  PRINCIPAL    CLAIM"),
                "\(shown.stdout)")
        #expect(shown.stdout.contains("2026-04-07 09:00  step 2  reminder       email    reminder1                 FA-1      1250.40 EUR"),
                "\(shown.stdout)")
        #expect(shown.stdout.contains("2026-05-05 09:00  step 5  formal_notice  letter   formal_notice (approval)  FA-1      1250.40 EUR  1306.11 EUR"),
                "\(shown.stdout)")
        let explicit = try await run(["plan", "preview", "--tenant", "acme", "--debtor", "CLI-1"])
        #expect(explicit.stdout == shown.stdout)
        let json = try await run(["--json", "plan", "--tenant", "acme", "--debtor", "CLI-1", "--as-of", "2026-04-01", "--until", "2026-06-30"])
        #expect(json.status == 0, "\(json.stderr)")
        let reply = try JSONDecoder().decode(PreviewPlanReply.self, from: Data(json.stdout.utf8))
        #expect(reply.debtors.first?.entries.count == 2)
        #expect(json.stdout.contains(#""detail" : null"#), "absent fields are null, not missing: \(json.stdout)")
        let unknown = try await run(["plan", "--tenant", "acme", "--debtor", "NOPE"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("NOPE"), "\(unknown.stderr)")
        let backwards = try await run(["plan", "--tenant", "acme", "--as-of", "2026-05-01", "--until", "2026-04-01"])
        #expect(backwards.status == 2)
        #expect(backwards.stderr.contains("until"), "\(backwards.stderr)")
        let badDate = try await run(["plan", "--tenant", "acme", "--until", "31/12/2026"])
        #expect(badDate.status == 2)
        #expect(badDate.stderr.contains("YYYY-MM-DD"), "\(badDate.stderr)")
    }

    @Test("case show: sections for people, every field in JSON", .enabled(if: RecouvrectlTests.binary != nil))
    func caseShow() async throws {
        let server = try serve()
        defer { server.stop() }
        let shown = try await run(["case", "show", "--tenant", "acme", "--debtor", "CLI-1"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("debtor           CLI-1  Boulangerie Martin (business)"), "\(shown.stdout)")
        #expect(shown.stdout.contains("next scheduled (Europe/Paris)\nID  KIND  STEP  STAGE  CHANNEL  TEMPLATE  DUE               STATE\n31  step  3     call   task     call      2025-01-09 10:00  scheduled"), "\(shown.stdout)")
        #expect(shown.stdout.contains("FA-2024-0412  2024-12-01  36d      1250.40 EUR  250.00  0.00     1000.40      promised"), "\(shown.stdout)")
        #expect(shown.stdout.contains("plan\nnone"))
        let json = try await run(["--json", "case", "show", "--tenant", "acme", "--case", "9"])
        #expect(json.status == 0)
        let reply = try JSONDecoder().decode(GetCaseReply.self, from: Data(json.stdout.utf8))
        #expect(reply == .sample)
        #expect(json.stdout.contains(#""plan" : null"#))
        let missing = try await run(["case", "show", "--tenant", "acme", "--debtor", "CLI-9"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "recouvrectl: debtor 'CLI-9' not found in tenant 'acme'\n")
        let both = try await run(["case", "show", "--tenant", "acme", "--debtor", "CLI-1", "--case", "9"])
        #expect(both.status == 2)
    }

    @Test("changes are recorded with the user's name; bad values never reach the daemon", .enabled(if: RecouvrectlTests.binary != nil))
    func changes() async throws {
        let server = try serve()
        defer { server.stop() }
        let paid = try await run(["payment", "record", "--tenant", "acme", "--debtor", "CLI-1", "250.00", "--invoice", "FA-1",
                                  "--reference", "VIR-889"])
        #expect(paid.status == 0, "\(paid.stderr)")
        #expect(paid.stdout == "payment 1 recorded: 250.00 EUR from CLI-1 for invoice FA-1, received 2025-01-06\n")
        let me = String(cString: getpwuid(getuid()).pointee.pw_name)
        #expect(await handler.authors == [me])

        let comma = try await run(["payment", "record", "--tenant", "acme", "--debtor", "CLI-1", "250,00"])
        #expect(comma.status == 2)
        #expect(comma.stderr.contains("invalid amount: '250,00' is not an amount: write a positive number with a dot and at most two decimals, e.g. 1250.40"))
        let date = try await run(["promise", "add", "--tenant", "acme", "--debtor", "CLI-1", "100", "--date", "15/04/2025"])
        #expect(date.status == 2)
        #expect(date.stderr.contains("write YYYY-MM-DD"))
        #expect(await handler.payments.count == 1)

        let late = try await run(["promise", "add", "--tenant", "acme", "--debtor", "CLI-1", "100", "--date", "2025-06-01"])
        #expect(late.status == 1)
        #expect(late.stderr == "error: a promise is at most 90 days ahead: 2025-06-01 is later than 2025-04-06\nhint: Agree on an earlier date, or a payment plan.\n")

        let plan = try await run(["plan", "create", "--tenant", "acme", "--debtor", "CLI-1", "--instalment", "2025-02-28=600.00",
                                  "--instalment", "2025-03-31=650.40"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("#  DUE         AMOUNT  PAID\n1  2025-02-28  600.00  no\n2  2025-03-31  650.40  no"))
        let file = directory.socket("instalments.json")
        try #"[{"due_on": "2025-02-28", "amount": 600}, {"due_on": "2025-03-31", "amount": "650.40"}]"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try await run(["--json", "plan", "create", "--tenant", "acme", "--debtor", "CLI-1", "--instalments", file])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(fromFile.stdout.contains(#""amount" : "600""#) && fromFile.stdout.contains(#""amount" : "650.40""#))

        let dispute = try await run(["dispute", "resolve", "--tenant", "acme", "7", "--cancel", "--note", "credit note agreed"])
        #expect(dispute.stdout == "dispute 7 resolved: cancel (the disputed outstanding is written off)\n")
        let neither = try await run(["dispute", "resolve", "--tenant", "acme", "7"])
        #expect(neither.status == 2)
        let writeOff = try await run(["reduction", "grant", "--tenant", "acme", "--invoice", "FA-1", "--kind", "write_off",
                                      "--reason", "insolvent"])
        #expect(writeOff.stdout == "write off 8 granted: 1250.40 EUR on invoice FA-1\n")
        let noAmount = try await run(["reduction", "grant", "--tenant", "acme", "--invoice", "FA-1", "--reason", "late"])
        #expect(noAmount.status == 2)
    }

    @Test("tasks: a table, and completion options that fit the kind", .enabled(if: RecouvrectlTests.binary != nil))
    func tasks() async throws {
        let server = try serve()
        defer { server.stop() }
        let list = try await run(["task", "list", "--tenant", "acme"])
        #expect(list.stdout.hasPrefix("ID  KIND      STATE  DEBTOR                    TITLE                    DEADLINE  DONE BY\n5   call      open   CLI-1 Boulangerie Martin  Call Boulangerie Martin  -         -"), "\(list.stdout)")
        let misfit = try await run(["task", "complete", "--tenant", "acme", "6", "--note", "ok"])
        #expect(misfit.status == 1)
        #expect(misfit.stderr.contains("task 6 is an approval: give approve"))
        let done = try await run(["task", "complete", "--tenant", "acme", "5", "--reached", "yes", "--reason", "cash_flow"])
        #expect(done.stdout == "task 5 (call) is done\n")
        let badReached = try await run(["task", "complete", "--tenant", "acme", "5", "--reached", "maybe"])
        #expect(badReached.status == 2)
        let calls = try await run(["--json", "task", "list", "--tenant", "acme", "--state", "done", "--kind", "call"])
        let reply = try JSONDecoder().decode(ListTasksReply.self, from: Data(calls.stdout.utf8))
        #expect(reply.tasks.map(\.id) == [5])
    }

    @Test("policy set reads YAML exactly; problems print one per line", .enabled(if: RecouvrectlTests.binary != nil))
    func policies() async throws {
        let server = try serve()
        defer { server.stop() }
        let yaml = directory.socket("late.yaml")
        try """
            name: late-payers
            description: Firmer
            min_outstanding: 1250.40
            grace_days: 2
            steps:
              - {position: 1, offset_days: 1, stage: reminder, channel: email, template: reminder1, send_at: 10:30}
              - position: 2
                offset_days: 15
                stage: call
                channel: task
                template: call
            """.write(toFile: yaml, atomically: true, encoding: .utf8)
        let set = try await run(["policy", "set", "--tenant", "acme", yaml])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.hasPrefix("policy 'late-payers' created\n"), "\(set.stdout)")
        let shown = try await run(["policy", "show", "--tenant", "acme", "late-payers", "--yaml"])
        // Amounts and times stay text: 1250.40 is not 1250.4, 10:30 is not 630 minutes.
        #expect(shown.stdout.contains("min_outstanding: '1250.40'") || shown.stdout.contains("min_outstanding: \"1250.40\""), "\(shown.stdout)")
        #expect(shown.stdout.contains("send_at: '10:30'") || shown.stdout.contains("send_at: \"10:30\"") || shown.stdout.contains("send_at: 10:30"), "\(shown.stdout)")
        let json = try await run(["policy", "show", "--tenant", "acme", "late-payers", "--json"])
        #expect(json.stdout.contains(#""grace_days" : 2"#), "\(json.stdout)")
        let fromStdin = try await run(["policy", "set", "--tenant", "acme", "-"], stdin: #"{"name": "late-payers", "steps": []}"#)
        #expect(fromStdin.status == 1)
        #expect(fromStdin.stderr == """
            recouvrectl: policy 'late-payers' is invalid (2 problems):
              steps: a policy needs at least one step; add one
              grace_days: 45 is out of range; use 0 to 30

            """)
        let list = try await run(["policy", "list", "--tenant", "acme"])
        #expect(list.stdout.contains("late-payers  any      1250.40  100       2d     2      0           0          Firmer"), "\(list.stdout)")
        let deleted = try await run(["policy", "delete", "--tenant", "acme", "late-payers"])
        #expect(deleted.stdout == "policy 'late-payers' deleted\n")
        let garbage = try await run(["policy", "set", "--tenant", "acme", "-"], stdin: "name: [unclosed")
        #expect(garbage.status == 2)
        #expect(garbage.stderr.contains("is not valid YAML"))
    }

    @Test("plan without a subcommand is the preview; plan create makes a payment plan", .enabled(if: RecouvrectlTests.binary != nil))
    func planWithoutSubcommand() async throws {
        let help = try await run(["plan", "--help"])
        #expect(help.stdout.contains("Show what the daemon will do, step by step, if nobody pays"), "\(help.stdout)")
        #expect(help.stdout.contains("--as-of"))
        let create = try await run(["plan", "create", "--help"])
        #expect(create.stdout.contains("--instalment"), "\(create.stdout)")
    }
}
