import ControlProtocol
import Foundation
import Testing

/// `recouvrectl report` against the in-memory handler's fixed reports.
@Suite("recouvrectl report")
struct RecouvrectlReportTests {
    let cli: RecouvrectlProcedureTests

    init() throws {
        cli = try RecouvrectlProcedureTests()
    }

    @Test("aging: a heading, the table with grouped figures, and a bar per bucket ending with its exact figure",
          .enabled(if: RecouvrectlTests.binary != nil))
    func agingForPeople() async throws {
        let server = try cli.serve()
        defer { server.stop() }
        let outcome = try await cli.run(["report", "aging", "--tenant", "acme"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "Aged balance — acme, as of 2026-11-30")
        #expect(lines.contains { $0.hasPrefix("CURRENCY  NOT YET DUE  1–30 DAYS") })
        #expect(lines.contains("EUR          1 200.00     600.00      300.00        0.00      2 400.00  4 500.00        3         6"))
        // 1200 of the largest bucket's 2400 is half the 40-character bar; labels padded to "over 90 days".
        #expect(lines.contains("not yet due   " + String(repeating: "█", count: 20) + String(repeating: " ", count: 20) + "  1 200.00"))
        #expect(lines.contains("over 90 days  " + String(repeating: "█", count: 40) + "  2 400.00"))
        // One chart per currency.
        #expect(lines.contains("Aged balance — CHF") && lines.contains("Aged balance — EUR"))
    }

    @Test("--csv prints the view's columns and exact decimals; --currency keeps one currency",
          .enabled(if: RecouvrectlTests.binary != nil))
    func csvAndCurrency() async throws {
        let server = try cli.serve()
        defer { server.stop() }
        let csv = try await cli.run(["report", "aging", "--tenant", "acme", "--csv"])
        #expect(csv.stdout == """
            currency,not_yet_due,days_1_30,days_31_60,days_61_90,over_90,total,debtors,invoices
            CHF,0.00,500.00,0.00,0.00,0.00,500.00,1,1
            EUR,1200.00,600.00,300.00,0.00,2400.00,4500.00,3,6

            """)
        let collected = try await cli.run(["report", "collected", "--tenant", "acme", "--currency", "eur"])
        #expect(collected.status == 0, "\(collected.stderr)")
        // October's stack is 150.00 + 100.10, summed exactly.
        #expect(collected.stdout.contains("2026-10  "))
        #expect(collected.stdout.split(separator: "\n").contains { $0.hasPrefix("2026-10  ") && $0.hasSuffix("  250.10") })
        #expect(collected.stdout.contains("█ none   ▓ reminder   ▒ formal_notice"))
        let funnel = try await cli.run(["report", "funnel", "--tenant", "acme"])
        // A share of nothing is shown as a dash, not as zero.
        #expect(funnel.stdout.split(separator: "\n").contains { $0.hasPrefix("legal") && $0.hasSuffix("—") })
    }

    @Test("--png and --svg draw the chart to files; --json says which", .enabled(if: RecouvrectlTests.binary != nil))
    func chartFiles() async throws {
        let server = try cli.serve()
        defer { server.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let png = directory.appendingPathComponent("dso.png").path, svg = directory.appendingPathComponent("dso.svg").path
        let outcome = try await cli.run(["report", "dso", "--tenant", "acme", "--png", png, "--svg", svg, "--json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let reply = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        #expect(reply?["charts"] as? [String] == [png, svg])
        #expect((reply?["report"] as? [String: Any])?["report"] as? String == "dso")
        #expect(try Data(contentsOf: URL(fileURLWithPath: png)).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: svg)), as: UTF8.self).contains("<svg"))
    }

    @Test("what cannot be a report is refused with what to do", .enabled(if: RecouvrectlTests.binary != nil))
    func refusals() async throws {
        let server = try cli.serve()
        defer { server.stop() }
        let cases: [([String], String)] = [
            (["report", "ageing", "--tenant", "acme"], "'ageing' is not a report: use one of aging, dso, funnel, collected"),
            (["report", "dso", "--tenant", "acme", "--as-of", "2026-01-31"], "--as-of is for the aging report only"),
            (["report", "aging", "--tenant", "acme", "--as-of", "31/01/2026"], "write the day as YYYY-MM-DD"),
            (["report", "aging", "--tenant", "acme", "--png", "aging.svg"], "use --svg for that"),
            (["report", "aging", "--tenant", "acme", "--csv", "--json"], "give one"),
            (["report", "aging", "--tenant", "acme", "--currency", "USD", "--png", "/tmp/never.png"], "no figures in USD"),
            (["report", "aging", "--tenant", "nobody"], "nobody"),
        ]
        for (arguments, message) in cases {
            let outcome = try await cli.run(arguments)
            #expect(outcome.status != 0, "\(arguments)")
            #expect(outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.png"))
    }
}
