import Foundation

/// The rules on the collection procedure's parameters.
extension ControlValidation {
    /// Kinds of reduction.
    public static let reductionKinds = ["reduction", "credit_note", "write_off"]
    /// How a dispute ends.
    public static let disputeResolutions = ["resume", "cancel"]
    /// Kinds of task.
    public static let taskKinds = ["call", "approval", "agency_handoff", "small_claims", "court_file"]
    /// What `ListTasks.state` accepts.
    public static let taskStateFilters = ["open", "done", "cancelled", "all"]
    /// Why a debtor has not paid, as a call records it.
    public static let callReasons = ["oversight", "cash_flow", "disagreement", "not_received", "refusal", "unreachable", "other"]
    /// What comes after a call.
    public static let nextSteps = ["continue", "escalate"]
    /// The most instalments a plan may have.
    public static let maxInstalments = 60

    /// A tenant slug.
    public static func check(tenant: String) throws(ParameterProblem) {
        if !isValidSlug(tenant) { throw ParameterProblem("tenant", "'\(tenant)' is not a tenant slug: \(slugRule)") }
    }

    /// A debtor's reference: not blank.
    public static func check(debtorRef: String) throws(ParameterProblem) {
        try check(text: debtorRef, field: "debtor", maxLength: 200)
    }

    /// An invoice number: not blank.
    public static func check(invoiceNumber: String) throws(ParameterProblem) {
        try check(text: invoiceNumber, field: "invoice", maxLength: 200)
    }

    /// A positive id.
    public static func check(id: Int, field: String) throws(ParameterProblem) {
        if id < 1 { throw ParameterProblem(field, "\(id) is not an id: ids are positive integers") }
    }

    /// A reason: not blank, at most 1000 characters.
    public static func check(reason: String) throws(ParameterProblem) {
        try check(text: reason, field: "reason", maxLength: 1000)
    }

    /// A note: not blank, at most 2000 characters.
    public static func check(note: String) throws(ParameterProblem) {
        try check(text: note, field: "note", maxLength: 2000)
    }

    /// Text that is not blank and not longer than `maxLength` characters.
    public static func check(text: String, field: String, maxLength: Int) throws(ParameterProblem) {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ParameterProblem(field, "it is empty: write some text")
        }
        if text.count > maxLength {
            throw ParameterProblem(field, "it is \(text.count) characters long: write at most \(maxLength)")
        }
    }

    /// One of `allowed`.
    public static func check(_ value: String, among allowed: [String], field: String) throws(ParameterProblem) {
        if !allowed.contains(value) {
            throw ParameterProblem(field, "'\(value)' is not known: use one of \(allowed.joined(separator: ", "))")
        }
    }

    /// The decimal an amount stands for, when it is one: digits, optionally a dot and one or
    /// two decimals, greater than zero, at most 999,999,999,999.99.
    public static func amount(_ text: String) -> Decimal? {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, (1...12).contains(whole.count), whole.allSatisfy(\.isASCIIDigit) else { return nil }
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
        }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), value > 0 else { return nil }
        return value
    }

    /// A positive amount with at most two decimals.
    public static func check(amount: String, field: String = "amount") throws(ParameterProblem) {
        if Self.amount(amount) == nil {
            throw ParameterProblem(field, "'\(amount)' is not an amount: write a positive number with a dot and at most two decimals, e.g. 1250.40")
        }
    }

    /// A day, `YYYY-MM-DD`, that exists in the calendar.
    public static func check(date: String, field: String) throws(ParameterProblem) {
        if !isValidDate(date) {
            throw ParameterProblem(field, "'\(date)' is not a date: write YYYY-MM-DD, e.g. 2026-03-31")
        }
    }

    /// Whether `text` is `YYYY-MM-DD` naming a real day.
    public static func isValidDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              year >= 1900, (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    /// An ISO 4217 code: three capital letters.
    public static func check(currency: String) throws(ParameterProblem) {
        if currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            throw ParameterProblem("currency", "'\(currency)' is not a currency code: write three capital letters, e.g. EUR")
        }
    }

    /// A policy name: `^[a-z][a-z0-9_-]{0,39}$`.
    public static func check(policyName: String) throws(ParameterProblem) {
        let bytes = Array(policyName.utf8)
        let valid = (1...40).contains(bytes.count) && isLowercase(bytes[0])
            && bytes.dropFirst().allSatisfy { isLowercase($0) || isDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
        if !valid {
            throw ParameterProblem("name", "'\(policyName)' is not a policy name: start with a lowercase letter, then up to 39 lowercase letters, digits, _ or -")
        }
    }

    /// A plan's instalments: 1 to 60, each a date and an amount, dates strictly increasing.
    public static func check(instalments: [PlannedInstalment]) throws(ParameterProblem) {
        guard (1...maxInstalments).contains(instalments.count) else {
            throw ParameterProblem("instalments", "a plan has 1 to \(maxInstalments) instalments, not \(instalments.count)")
        }
        for (index, instalment) in instalments.enumerated() {
            try check(date: instalment.dueOn, field: "instalments[\(index)].dueOn")
            try check(amount: instalment.amount, field: "instalments[\(index)].amount")
            // Same-width ISO dates compare as text.
            if index > 0, instalment.dueOn <= instalments[index - 1].dueOn {
                throw ParameterProblem("instalments[\(index)].dueOn",
                                       "\(instalment.dueOn) is not after \(instalments[index - 1].dueOn): give the instalments in due-date order, one per day at most")
            }
        }
    }

    /// An instalment written `YYYY-MM-DD=AMOUNT`, as recouvrectl takes it.
    public static func instalment(parsing text: String) throws(ParameterProblem) -> PlannedInstalment {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw ParameterProblem("instalment", "'\(text)' is not an instalment: write DATE=AMOUNT, e.g. 2026-04-30=250.00")
        }
        let instalment = PlannedInstalment(dueOn: String(parts[0]), amount: String(parts[1]))
        try check(date: instalment.dueOn, field: "instalment")
        try check(amount: instalment.amount, field: "instalment")
        return instalment
    }

    static func isLowercase(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
