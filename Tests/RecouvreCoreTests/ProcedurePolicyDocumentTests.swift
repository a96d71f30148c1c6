import Foundation
import Testing
import RecouvreCore

/// Reading, writing and validating policy documents.
@Suite struct ProcedurePolicyDocumentTests {
    private func decode(_ json: String) throws -> PolicyDocument {
        try JSONDecoder().decode(PolicyDocument.self, from: Data(json.utf8))
    }

    /// The problems of `json`, or a failure when it validates.
    private func problems(_ json: String) throws -> [String] {
        let document = try decode(json)
        do {
            let policy = try document.validated()
            Issue.record("expected problems, got \(policy.name)")
            return []
        } catch {
            return error.problems
        }
    }

    /// A one-step document with `step` spliced into the step object.
    private func oneStep(_ step: String, top: String = "") -> String {
        #"{"name": "p", \#(top) "steps": [{"offset_days": 1, "stage": "reminder", "channel": "email", "template": "reminder1" \#(step)}]}"#
    }

    @Test(arguments: [CollectionPolicy.business, .consumer])
    func defaultsRoundTripThroughJSON(_ policy: CollectionPolicy) throws {
        let data = try JSONEncoder().encode(PolicyDocument(policy))
        let text = String(decoding: data, as: UTF8.self)
        // Amounts are written as strings, so no reader turns them into binary floats.
        #expect(text.contains(#""min_outstanding":"5000.01""#) && text.contains(#""max_outstanding":"5000""#))
        #expect(text.contains(#""send_at":"09:00""#) && text.contains(#""debtor_kind":"\#(policy.name)""#))
        let back = try JSONDecoder().decode(PolicyDocument.self, from: data).validated()
        #expect(back == policy)
    }

    @Test func defaultsAreAsPublished() {
        let business = CollectionPolicy.business
        #expect(business.steps.map(\.offsetDays) == [-3, 1, 8, 15, 30, 45, 45, 75])
        #expect(CollectionPolicy.consumer.steps.map(\.offsetDays) == [-3, 1, 10, 20, 35, 60, 60, 90])
        #expect(business.steps.map(\.template) == ["courtesy", "reminder1", "reminder2", "call", "formal_notice", "small_claims",
                                                   "agency_handoff", "court_file"])
        #expect(business.steps.map(\.channel) == [.email, .email, .email, .task, .letter, .task, .task, .task])
        #expect(business.steps.map(\.requiresApproval) == [false, false, false, false, false, true, true, true])
        #expect(business.steps[5].maxOutstanding == 5000 && business.steps[6].minOutstanding == Decimal(string: "5000.01"))
        #expect(business.graceDays == 3 && business.priority == 100 && business.debtorKind == .business)
        #expect(CollectionPolicy.consumer.debtorKind == .consumer)
        #expect(business.steps.allSatisfy { $0.sendAt == LocalTime(hour: 9, minute: 0) })
    }

    @Test func minimalDocumentTakesTheDefaults() throws {
        let policy = try decode(#"{"name": "short", "steps": [{"offset_days": 1, "stage": "reminder", "channel": "email", "template": "reminder1"},"#
            + #"{"offset_days": 10, "stage": "call", "channel": "task", "template": "call", "send_at": "14:30"}]}"#).validated()
        #expect(policy.debtorKind == nil && policy.minOutstanding == 0 && policy.priority == 100 && policy.graceDays == 3)
        #expect(policy.steps.map(\.position) == [1, 2])
        #expect(policy.steps[1].sendAt == LocalTime(hour: 14, minute: 30) && policy.steps[0].sendAt == .nine)
        #expect(policy.steps[0].maxOutstanding == nil && !policy.steps[0].requiresApproval)
    }

    @Test func amountsAsNumbersAreExact() throws {
        let policy = try decode(oneStep(#", "min_outstanding": 5000.01, "max_outstanding": "12000.1""#, top: #""min_outstanding": 0.1,"#))
            .validated()
        #expect(policy.minOutstanding == Decimal(string: "0.1"))
        #expect(policy.steps[0].minOutstanding == Decimal(string: "5000.01"))
        #expect(policy.steps[0].maxOutstanding == Decimal(string: "12000.1"))
        #expect(try problems(oneStep(#", "min_outstanding": 1.005"#))
            == [#"steps[0].min_outstanding: 1.005 has more than 2 decimals; write it in cents at most, e.g. "5000.01""#])
    }

    @Test func nameAndTopLevelProblems() throws {
        #expect(try problems(oneStep("").replacingOccurrences(of: #""p""#, with: #""Business""#))
            == [#"name: "Business" is not a valid policy name; use 1 to 40 characters: a lowercase letter, then lowercase letters, digits, '_' or '-'"#])
        #expect(try problems(oneStep("", top: #""debtor_kind": "company","#))
            == [#"debtor_kind: "company" is not a debtor kind; use business or consumer, or leave it out for any debtor"#])
        #expect(try problems(oneStep("", top: #""grace_days": 31,"#)) == ["grace_days: 31 is out of range; use 0 to 30 days"])
        #expect(try problems(oneStep("", top: #""priority": 3000000000,"#))
            == ["priority: 3000000000 is out of range; use a whole number between -2147483648 and 2147483647 (lower is tried first)"])
        #expect(try problems(oneStep("", top: #""min_outstanding": "-5","#)) == ["min_outstanding: -5 is negative; amounts are 0 or more"])
        #expect(try problems(oneStep("", top: #""min_outstanding": "lots","#))
            == [#"min_outstanding: "lots" is not an amount; write a decimal number such as "5000.01""#])
        #expect(try problems(#"{"name": "p", "steps": []}"#) == ["steps: there is no step; give at least one"])
        #expect(try problems(#"{"name": "p"}"#) == ["steps: there is no step; give at least one"])
    }

    @Test func tooManySteps() throws {
        let steps = (1...51).map { #"{"position": \#(min($0, 50)), "offset_days": \#($0), "stage": "reminder", "channel": "email", "template": "r"}"# }
        let found = try problems(#"{"name": "p", "steps": [\#(steps.joined(separator: ","))]}"#)
        #expect(found.contains("steps: there are 51 steps; a policy has at most 50, remove some"))
        #expect(found.contains("steps[50].position: 50 is also the position of steps[49]; give each step its own position"))
    }

    @Test func stepProblems() throws {
        #expect(try problems(oneStep(#", "position": 0"#)) == ["steps[0].position: 0 is out of range; use 1 to 50"])
        #expect(try problems(oneStep("").replacingOccurrences(of: #""offset_days": 1"#, with: #""offset_days": 1826"#))
            == ["steps[0].offset_days: 1826 is out of range; use -90 to 1825 days from the due date"])
        #expect(try problems(oneStep("").replacingOccurrences(of: #""offset_days": 1,"#, with: ""))
            == ["steps[0].offset_days: missing; give the number of days from the due date (negative before it)"])
        #expect(try problems(oneStep("").replacingOccurrences(of: #""stage": "reminder""#, with: #""stage": "remind""#))
            == [#"steps[0].stage: "remind" is not a stage; use one of reminder, call, formal_notice, agency, small_claims, legal"#])
        #expect(try problems(oneStep("").replacingOccurrences(of: #""channel": "email""#, with: #""channel": "fax""#))
            == [#"steps[0].channel: "fax" is not a channel; use one of email, letter, sms, webhook, task"#])
        #expect(try problems(oneStep("").replacingOccurrences(of: #""template": "reminder1""#, with: #""template": "Reminder-1""#))
            == [#"steps[0].template: "Reminder-1" is not a valid template name; use 1 to 40 characters: a lowercase letter, then lowercase letters, digits or '_'"#])
        #expect(try problems(oneStep(#", "send_at": "9h""#)) == [#"steps[0].send_at: "9h" is not a time of day; write HH:MM, e.g. 09:00"#])
        #expect(try problems(oneStep(#", "min_outstanding": "6000", "max_outstanding": "5000""#))
            == ["steps[0].min_outstanding: 6000 is above max_outstanding 5000; the step could never apply, lower it or raise the maximum"])
        #expect(try problems(oneStep(#", "max_outstanding": -1"#)) == ["steps[0].max_outstanding: -1 is negative; amounts are 0 or more"])
    }

    @Test func missingStepFieldsAreNamed() throws {
        #expect(try problems(#"{"name": "p", "steps": [{"position": 1}]}"#) == [
            "steps[0].stage: missing; use one of reminder, call, formal_notice, agency, small_claims, legal",
            "steps[0].channel: missing; use one of email, letter, sms, webhook, task",
            "steps[0].offset_days: missing; give the number of days from the due date (negative before it)",
            "steps[0].template: missing; name the template to send (or, for a task step, the kind of task)",
        ])
        #expect(try problems(oneStep(#", "max_outstanding": "1000000000000""#))
            == ["steps[0].max_outstanding: 1000000000000 is too large; amounts are at most 999999999999.99"])
    }

    @Test func onlyRemindersByEmailOrSMSComeBeforeTheDueDate() throws {
        let letter = #"{"name": "p", "steps": [{"offset_days": -2, "stage": "reminder", "channel": "letter", "template": "courtesy"}]}"#
        #expect(try problems(letter) == ["steps[0].offset_days: -2 is before the due date, but only reminder steps on email or sms may come "
            + "before it; use an offset of 0 or more for a reminder step on letter"])
        let call = #"{"name": "p", "steps": [{"offset_days": -1, "stage": "call", "channel": "task", "template": "call"}]}"#
        #expect(try problems(call).first?.hasPrefix("steps[0].offset_days: -1 is before the due date") == true)
        let sms = #"{"name": "p", "steps": [{"offset_days": -1, "stage": "reminder", "channel": "sms", "template": "courtesy"}]}"#
        #expect(try decode(sms).validated().steps[0].isCourtesy)
    }

    @Test func taskStepsOpenAKnownKindOfTask() throws {
        let json = #"{"name": "p", "steps": [{"offset_days": 5, "stage": "call", "channel": "task", "template": "phone"}]}"#
        #expect(try problems(json)
            == [#"steps[0].template: "phone" is not a kind of task; a task step opens one of call, agency_handoff, small_claims, court_file"#])
    }

    @Test func statementsAttachToEmailStepsAndOverdueRulesToTaskSteps() throws {
        let letter = #"{"name": "p", "steps": [{"offset_days": 5, "stage": "formal_notice", "channel": "letter", "template": "formal_notice", "attach_statement": true}]}"#
        #expect(try problems(letter) == [
            "steps[0].attach_statement: only an email step can attach the statement; remove it or use channel email "
                + "(a letter step already carries the invoices)"])
        #expect(try problems(oneStep(#", "when_overdue": "escalate""#))
            == ["steps[0].when_overdue: only a task step opens a task that can be overdue; remove it or use channel task"])
        let task = #"{"name": "p", "steps": [{"offset_days": 5, "stage": "call", "channel": "task", "template": "call", "when_overdue": "shout"}]}"#
        #expect(try problems(task) == [#"steps[0].when_overdue: "shout" is not a rule for an overdue task; use one of wait, escalate"#])

        let good = #"{"name": "p", "steps": [{"offset_days": 1, "stage": "reminder", "channel": "email", "template": "reminder1", "attach_statement": true},"#
            + #"{"offset_days": 5, "stage": "call", "channel": "task", "template": "call", "when_overdue": "escalate"}]}"#
        let policy = try decode(good).validated()
        #expect(policy.steps.map(\.attachStatement) == [true, false])
        #expect(policy.steps.map(\.whenOverdue) == [.wait, .escalate])
        // Written back, each option appears on the kind of step it belongs to only.
        let text = String(decoding: try JSONEncoder().encode(PolicyDocument(policy)), as: UTF8.self)
        #expect(text.components(separatedBy: "attach_statement").count == 2)
        #expect(text.components(separatedBy: "when_overdue").count == 2)
        #expect(try JSONDecoder().decode(PolicyDocument.self, from: Data(text.utf8)).validated() == policy)
        #expect(CollectionPolicy.business.steps.map(\.attachStatement) == [false, false, true, false, false, false, false, false])
    }

    @Test func offsetsMustNotDecreaseWithPositionAndPositionsAreUnique() throws {
        let json = #"{"name": "p", "steps": ["#
            + #"{"position": 2, "offset_days": 10, "stage": "reminder", "channel": "email", "template": "b"},"#
            + #"{"position": 1, "offset_days": 12, "stage": "reminder", "channel": "email", "template": "a"},"#
            + #"{"position": 1, "offset_days": 20, "stage": "reminder", "channel": "email", "template": "c"}]}"#
        #expect(try problems(json) == [
            "steps[2].position: 1 is also the position of steps[1]; give each step its own position",
            "steps[0].offset_days: 10 at position 2 is earlier than 12 at position 1 (steps[1]); offsets must not decrease with position, "
                + "reorder the steps or change the offset",
        ])
    }

    @Test func unknownKeysAreNamed() throws {
        #expect(try problems(oneStep(#", "requires_aproval": true"#))
            == ["steps[0].requires_aproval: unknown key; the allowed keys are position, offset_days, stage, channel, template, "
                + "min_outstanding, max_outstanding, requires_approval, send_at, attach_statement, when_overdue (check the spelling)"])
        #expect(try problems(oneStep("", top: #""grace": 5,"#))
            == ["grace: unknown key; the allowed keys are name, description, debtor_kind, min_outstanding, priority, grace_days, steps (check the spelling)"])
    }

    @Test func everyProblemIsReportedTogether() throws {
        let json = #"{"name": "Bad Name", "grace_days": -1, "colour": "red", "steps": ["#
            + #"{"offset_days": -5, "stage": "call", "channel": "task", "template": "ring"},"#
            + #"{"offset_days": 3, "stage": "legal", "channel": "pigeon", "template": "court_file", "min_outstanding": "1.234"}]}"#
        let document = try decode(json)
        let error = try #require(throws: PolicyValidationError.self) { try document.validated() }
        #expect(error.problems.count == 7)
        #expect(error.problems.contains { $0.hasPrefix("colour: unknown key") })
        #expect(error.problems.contains { $0.hasPrefix("name: ") })
        #expect(error.problems.contains { $0.hasPrefix("grace_days: -1") })
        #expect(error.problems.contains { $0.hasPrefix("steps[0].offset_days: -5 is before the due date") })
        #expect(error.problems.contains { $0.hasPrefix(#"steps[0].template: "ring" is not a kind of task"#) })
        #expect(error.problems.contains { $0.hasPrefix(#"steps[1].channel: "pigeon" is not a channel"#) })
        #expect(error.problems.contains { $0.hasPrefix("steps[1].min_outstanding: 1.234 has more than 2 decimals") })
        #expect(error.description.hasPrefix("the policy has 7 problems:\n  - "))
    }
}
