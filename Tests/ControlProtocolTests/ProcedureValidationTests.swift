import ControlProtocol
import Foundation
import Testing

@Suite("Procedure parameters")
struct ProcedureValidationTests {
    @Test("amounts: a dot and at most two decimals, above zero", arguments: [
        ("1250.40", true), ("7", true), ("0.01", true), ("999999999999.99", true),
        ("0", false), ("0.00", false), ("-5", false), ("12,50", false), ("1.234", false), ("1.", false), (".5", false),
        ("1e3", false), ("", false), (" 12", false), ("1 000", false), ("1000000000000", false),
    ])
    func amounts(_ text: String, _ valid: Bool) {
        #expect((ControlValidation.amount(text) != nil) == valid, "\(text)")
    }

    @Test("amounts are exact decimals")
    func exactAmounts() {
        #expect(ControlValidation.amount("1250.40") == Decimal(string: "1250.40"))
        #expect(ControlValidation.amount("0.10")! + ControlValidation.amount("0.20")! == Decimal(string: "0.30"))
    }

    @Test("dates: YYYY-MM-DD naming a real day", arguments: [
        ("2026-03-31", true), ("2024-02-29", true), ("2025-02-29", false), ("2026-13-01", false), ("2026-04-31", false),
        ("26-03-31", false), ("2026/03/31", false), ("2026-3-31", false), ("", false), ("2026-03-31T00:00", false),
    ])
    func dates(_ text: String, _ valid: Bool) {
        #expect(ControlValidation.isValidDate(text) == valid, "\(text)")
    }

    @Test("problems say what to write")
    func messages() {
        #expect(throws: ParameterProblem("amount", "'12,50' is not an amount: write a positive number with a dot and at most two decimals, e.g. 1250.40")) {
            try RecordPaymentParameters(tenant: "acme", debtor: "CLI-1", amount: "12,50").validate()
        }
        #expect(throws: ParameterProblem("promisedOn", "'31/03/2026' is not a date: write YYYY-MM-DD, e.g. 2026-03-31")) {
            try AddPromiseParameters(tenant: "acme", debtor: "CLI-1", amount: "10", promisedOn: "31/03/2026").validate()
        }
        #expect(throws: ParameterProblem.self) {
            try RecordPaymentParameters(tenant: "acme", debtor: "CLI-1", amount: "10", currency: "eur").validate()
        }
        #expect(throws: ParameterProblem.self) { try GetCaseParameters(tenant: "acme").validate() }
        #expect(throws: ParameterProblem.self) { try GetCaseParameters(tenant: "acme", debtor: "X", caseId: 3).validate() }
        #expect(throws: Never.self) { try GetCaseParameters(tenant: "acme", caseId: 3).validate() }
    }

    @Test("instalments: DATE=AMOUNT, dates strictly increasing, 1 to 60")
    func instalments() throws {
        #expect(try ControlValidation.instalment(parsing: "2026-04-30=250.00") == PlannedInstalment(dueOn: "2026-04-30", amount: "250.00"))
        #expect(throws: ParameterProblem.self) { try ControlValidation.instalment(parsing: "2026-04-30:250") }
        #expect(throws: ParameterProblem.self) { try ControlValidation.instalment(parsing: "2026-04-31=250") }
        let a = PlannedInstalment(dueOn: "2026-04-30", amount: "10"), b = PlannedInstalment(dueOn: "2026-05-31", amount: "10")
        #expect(throws: Never.self) { try ControlValidation.check(instalments: [a, b]) }
        #expect(throws: ParameterProblem.self) { try ControlValidation.check(instalments: [b, a]) }
        #expect(throws: ParameterProblem.self) { try ControlValidation.check(instalments: [a, a]) }
        #expect(throws: ParameterProblem.self) { try ControlValidation.check(instalments: []) }
    }

    @Test("reductions need an amount unless they write off everything")
    func reductions() {
        #expect(throws: ParameterProblem.self) { try GrantReductionParameters(tenant: "acme", invoice: "F1", reason: "x").validate() }
        #expect(throws: Never.self) {
            try GrantReductionParameters(tenant: "acme", invoice: "F1", reason: "x", kind: "write_off").validate()
        }
        #expect(throws: ParameterProblem.self) {
            try GrantReductionParameters(tenant: "acme", invoice: "F1", amount: "5", reason: "x", kind: "discount").validate()
        }
        #expect(throws: ParameterProblem.self) {
            try GrantReductionParameters(tenant: "acme", invoice: "F1", amount: "5", reason: "  ").validate()
        }
    }

    @Test("a task is completed either as a call or as an approval")
    func taskCompletion() {
        #expect(throws: ParameterProblem.self) {
            try CompleteTaskParameters(tenant: "acme", id: 1, reached: true, approve: true).validate()
        }
        #expect(throws: ParameterProblem.self) { try CompleteTaskParameters(tenant: "acme", id: 1, reason: "lazy").validate() }
        #expect(throws: ParameterProblem.self) { try CompleteTaskParameters(tenant: "acme", id: 1, next: "later").validate() }
        #expect(throws: Never.self) {
            try CompleteTaskParameters(tenant: "acme", id: 1, reached: false, reason: "unreachable", next: "escalate").validate()
        }
    }

    @Test("policy names: ^[a-z][a-z0-9_-]{0,39}$", arguments: [
        ("business", true), ("b", true), ("late-payers_2", true), ("Business", false), ("2fast", false), ("", false),
        (String(repeating: "a", count: 41), false),
    ])
    func policyNames(_ name: String, _ valid: Bool) {
        #expect(((try? ControlValidation.check(policyName: name)) != nil) == valid)
    }

    @Test("the dispatcher refuses bad values before the handler sees them")
    func dispatcherRefuses() async throws {
        let handler = InMemoryControlHandler(tenants: [.sample("acme")])
        let dispatcher = VarlinkDispatcher(handler: handler)
        let call = #"{"method":"io.recouvre.Control.RecordPayment","parameters":{"tenant":"acme","debtor":"CLI-1","amount":"12,5"}}"#
        let reply = try #require(await dispatcher.reply(to: Data(call.utf8), caller: ControlCaller(uid: 1000, name: "marie")))
        let value = try JSONDecoder().decode(VarlinkValue.self, from: reply)
        #expect(value["error"] == .string("io.recouvre.Control.InvalidArgument"))
        #expect(value["parameters"]?["field"] == .string("amount"))
        #expect(await handler.payments.isEmpty)
    }

    @Test("the caller's name reaches the handler as the author")
    func author() async throws {
        let handler = InMemoryControlHandler(tenants: [.sample("acme")])
        let dispatcher = VarlinkDispatcher(handler: handler)
        let call = #"{"method":"io.recouvre.Control.RecordPayment","parameters":{"tenant":"acme","debtor":"CLI-1","amount":"12.50"}}"#
        _ = await dispatcher.reply(to: Data(call.utf8), caller: ControlCaller(uid: 1000, name: "marie"))
        #expect(await handler.authors == ["marie"])
    }

    @Test("refusals, policy problems and in-use policies round-trip through varlink errors", arguments: [
        ControlError.refused(reason: "no open case", hint: "Record a payment instead.", code: "P0001"),
        ControlError.refused(reason: "no open case", hint: nil, code: "P0001"),
        ControlError.invalidPolicy(name: "x", problems: ["steps[0].stage: unknown", "grace_days: too long"]),
        ControlError.policyInUse(name: "business", cases: 2, debtors: 1),
        ControlError.notFound(tenant: "acme", what: "debtor", key: "CLI-9"),
    ])
    func errorsRoundTrip(_ error: ControlError) throws {
        let wire = try JSONDecoder().decode(VarlinkValue.self, from: JSONEncoder().encode(error.parameters))
        #expect(ControlError(varlinkName: error.varlinkName, parameters: wire) == error)
    }

    @Test("a refusal reads error, then hint")
    func refusalText() {
        #expect(ControlError.refused(reason: "no open case for CLI-1", hint: "Nothing is overdue.", code: "P0001").description
            == "error: no open case for CLI-1\nhint: Nothing is overdue.")
    }
}
