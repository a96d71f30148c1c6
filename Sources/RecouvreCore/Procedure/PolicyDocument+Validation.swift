import Foundation

extension PolicyDocument {
    /// The policy this document describes, or every problem found in it.
    ///
    /// Checked: the name (`^[a-z][a-z0-9_-]{0,39}$`); 1 to 50 steps; positions 1…50 and
    /// unique (a missing position is the step's index + 1); offsets −90…1825 days and not
    /// decreasing with position; a negative offset only on a reminder step on email or sms;
    /// the stage, channel and debtor kind among the allowed values; the template
    /// (`^[a-z][a-z0-9_]{0,39}$`, and for a task step one of the task kinds); amounts ≥ 0 with
    /// at most two decimals and min ≤ max; grace days 0…30; a priority that fits a SQL integer; send times `HH:MM`; no unknown key.
    public func validated() throws(PolicyValidationError) -> CollectionPolicy {
        var validator = PolicyValidator()
        let policy = validator.validate(self)
        guard let policy, validator.problems.isEmpty else { throw PolicyValidationError(problems: validator.problems) }
        return policy
    }
}

/// Collects the problems of one document.
struct PolicyValidator {
    private(set) var problems: [String] = []

    static let taskTemplates = ["call", "agency_handoff", "small_claims", "court_file"]
    static let maximumSteps = 50
    static let offsets = -90...1825
    static let graceDays = 0...30
    /// numeric(14,2).
    static let largestAmount = Decimal(string: "999999999999.99")!

    mutating func validate(_ document: PolicyDocument) -> CollectionPolicy? {
        unknown(document.unknownKeys, at: "", allowed: PolicyDocument.CodingKeys.allCases.map(\.rawValue))
        if !Self.matches(document.name, rest: "abcdefghijklmnopqrstuvwxyz0123456789_-") {
            add("name", "\(quoted(document.name)) is not a valid policy name; use 1 to 40 characters: a lowercase letter, "
                + "then lowercase letters, digits, '_' or '-'")
        }
        var kind: DebtorKind?
        if let text = document.debtorKind {
            kind = DebtorKind(rawValue: text)
            if kind == nil { add("debtor_kind", "\(quoted(text)) is not a debtor kind; use business or consumer, or leave it out for any debtor") }
        }
        let minimum = amount(document.minOutstanding, at: "min_outstanding") ?? 0
        let priority = document.priority ?? 100
        if !(Int(Int32.min)...Int(Int32.max)).contains(priority) {
            add("priority", "\(priority) is out of range; use a whole number between \(Int32.min) and \(Int32.max) (lower is tried first)")
        }
        let grace = document.graceDays ?? 3
        if !Self.graceDays.contains(grace) {
            add("grace_days", "\(grace) is out of range; use 0 to 30 days")
        }
        let steps = validateSteps(document.steps)
        guard problems.isEmpty else { return nil }
        return CollectionPolicy(name: document.name, description: document.description ?? "", debtorKind: kind,
                                minOutstanding: minimum, priority: priority, graceDays: grace, steps: steps)
    }

    private mutating func validateSteps(_ documents: [PolicyDocument.StepDocument]) -> [PolicyStep] {
        if documents.isEmpty { add("steps", "there is no step; give at least one") }
        if documents.count > Self.maximumSteps {
            add("steps", "there are \(documents.count) steps; a policy has at most \(Self.maximumSteps), remove some")
        }
        var steps: [(index: Int, step: PolicyStep)] = []
        var positions: [Int: Int] = [:]
        for (index, document) in documents.enumerated() {
            let path = "steps[\(index)]"
            let position = document.position ?? index + 1
            if !(1...Self.maximumSteps).contains(position) {
                add("\(path).position", "\(position) is out of range; use 1 to \(Self.maximumSteps)")
            } else if let other = positions[position] {
                add("\(path).position", "\(position) is also the position of steps[\(other)]; give each step its own position")
            } else {
                positions[position] = index
            }
            if let step = validateStep(document, position: position, path: path) { steps.append((index, step)) }
        }
        // A step with a bad or repeated position is already reported; ordering it would only add noise.
        checkOrder(steps.filter { positions[$0.step.position] == $0.index })
        return steps.map(\.step)
    }

    private mutating func validateStep(_ document: PolicyDocument.StepDocument, position: Int, path: String) -> PolicyStep? {
        unknown(document.unknownKeys, at: path + ".", allowed: PolicyDocument.StepDocument.CodingKeys.allCases.map(\.rawValue))
        let stage = value(document.stage, of: CollectionStage.self, at: "\(path).stage", noun: "stage")
        let channel = value(document.channel, of: StepChannel.self, at: "\(path).channel", noun: "channel")
        let offset = offsetDays(document.offsetDays, stage: stage, channel: channel, path: path)
        let template = template(document.template, channel: channel, path: path)
        let minimum = amount(document.minOutstanding, at: "\(path).min_outstanding")
        let maximum = amount(document.maxOutstanding, at: "\(path).max_outstanding")
        if let minimum, let maximum, minimum > maximum {
            add("\(path).min_outstanding", "\(minimum) is above max_outstanding \(maximum); the step could never apply, lower it or raise the maximum")
        }
        var sendAt = LocalTime.nine
        if let text = document.sendAt {
            if let time = LocalTime(parsing: text) { sendAt = time } else {
                add("\(path).send_at", "\(quoted(text)) is not a time of day; write HH:MM, e.g. 09:00")
            }
        }
        if document.attachStatement == true, let channel, channel != .email {
            add("\(path).attach_statement", "only an email step can attach the statement; remove it or use channel email "
                + "(a letter step already carries the invoices)")
        }
        var whenOverdue = TaskOverdueRule.wait
        if let text = document.whenOverdue {
            if let rule = value(text, of: TaskOverdueRule.self, at: "\(path).when_overdue", noun: "rule for an overdue task") {
                whenOverdue = rule
                if let channel, channel != .task {
                    add("\(path).when_overdue", "only a task step opens a task that can be overdue; remove it or use channel task")
                }
            }
        }
        guard let stage, let channel, let offset, let template,
              document.minOutstanding == nil || minimum != nil, document.maxOutstanding == nil || maximum != nil else { return nil }
        return PolicyStep(position: position, offsetDays: offset, stage: stage, channel: channel, template: template,
                          minOutstanding: minimum ?? 0, maxOutstanding: maximum, requiresApproval: document.requiresApproval ?? false,
                          sendAt: sendAt, attachStatement: document.attachStatement ?? false, whenOverdue: whenOverdue)
    }

    private mutating func offsetDays(_ offset: Int?, stage: CollectionStage?, channel: StepChannel?, path: String) -> Int? {
        guard let offset else {
            add("\(path).offset_days", "missing; give the number of days from the due date (negative before it)")
            return nil
        }
        guard Self.offsets.contains(offset) else {
            add("\(path).offset_days", "\(offset) is out of range; use -90 to 1825 days from the due date")
            return nil
        }
        if offset < 0, let stage, let channel, stage != .reminder || !(channel == .email || channel == .sms) {
            add("\(path).offset_days", "\(offset) is before the due date, but only reminder steps on email or sms may come before it; "
                + "use an offset of 0 or more for a \(stage.rawValue) step on \(channel.rawValue)")
        }
        return offset
    }

    private mutating func template(_ text: String?, channel: StepChannel?, path: String) -> String? {
        guard let text else {
            add("\(path).template", "missing; name the template to send (or, for a task step, the kind of task)")
            return nil
        }
        guard Self.matches(text, rest: "abcdefghijklmnopqrstuvwxyz0123456789_") else {
            add("\(path).template", "\(quoted(text)) is not a valid template name; use 1 to 40 characters: a lowercase letter, "
                + "then lowercase letters, digits or '_'")
            return nil
        }
        if channel == .task, !Self.taskTemplates.contains(text) {
            add("\(path).template", "\(quoted(text)) is not a kind of task; a task step opens one of \(Self.taskTemplates.joined(separator: ", "))")
            return nil
        }
        return text
    }

    /// Offsets must not decrease with position; the steps are compared in position order.
    private mutating func checkOrder(_ steps: [(index: Int, step: PolicyStep)]) {
        let ordered = steps.sorted { $0.step.position < $1.step.position }
        for (earlier, later) in zip(ordered, ordered.dropFirst()) where later.step.offsetDays < earlier.step.offsetDays {
            add("steps[\(later.index)].offset_days",
                "\(later.step.offsetDays) at position \(later.step.position) is earlier than \(earlier.step.offsetDays) at position "
                + "\(earlier.step.position) (steps[\(earlier.index)]); offsets must not decrease with position, reorder the steps or change the offset")
        }
    }

    private mutating func amount(_ amount: PolicyAmount?, at path: String) -> Decimal? {
        guard let amount else { return nil }
        guard amount.isNumber else {
            add(path, "\(quoted(amount.text)) is not an amount; write a decimal number such as \"5000.01\"")
            return nil
        }
        guard let value = amount.value else {
            add(path, "\(amount.text) has more than 2 decimals; write it in cents at most, e.g. \"5000.01\"")
            return nil
        }
        guard value >= 0 else {
            add(path, "\(amount.text) is negative; amounts are 0 or more")
            return nil
        }
        guard value <= Self.largestAmount else {
            add(path, "\(amount.text) is too large; amounts are at most \(Self.largestAmount)")
            return nil
        }
        return value
    }

    private mutating func value<T: RawRepresentable & CaseIterable>(_ text: String?, of type: T.Type, at path: String,
                                                                    noun: String) -> T? where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        guard let text else {
            add(path, "missing; use one of \(allowed)")
            return nil
        }
        guard let value = T(rawValue: text) else {
            add(path, "\(quoted(text)) is not a \(noun); use one of \(allowed)")
            return nil
        }
        return value
    }

    private mutating func unknown(_ keys: [String], at prefix: String, allowed: [String]) {
        for key in keys {
            add(prefix + key, "unknown key; the allowed keys are \(allowed.joined(separator: ", ")) (check the spelling)")
        }
    }

    private mutating func add(_ path: String, _ problem: String) {
        problems.append("\(path): \(problem)")
    }

    private func quoted(_ text: String) -> String { "\"\(text)\"" }

    /// `^[a-z][rest]{0,39}$`.
    private static func matches(_ text: String, rest: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard (1...40).contains(scalars.count), ("a"..."z").contains(scalars[0]) else { return false }
        return scalars.dropFirst().allSatisfy { rest.unicodeScalars.contains($0) }
    }
}
