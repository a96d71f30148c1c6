/// The varlink type `BankCreditEntry`: one credit read from a bank file, as recouvrectl sends it.
public struct BankCreditEntry: Codable, Sendable, Equatable, EncodesEveryField {
    /// Unique on the account: the bank's reference for the entry.
    public var entryRef: String
    /// A positive decimal, at most two decimals.
    public var amount: String
    public var currency: String
    /// `YYYY-MM-DD`.
    public var bookedOn: String
    public var valueOn: String?
    public var endToEndId: String?
    /// The structured creditor reference (an invoice number or an RF reference).
    public var creditorRef: String?
    public var remittance: String?
    public var debtorName: String?
    public var debtorIban: String?

    /// Builds an entry.
    public init(entryRef: String, amount: String, currency: String, bookedOn: String, valueOn: String? = nil,
                endToEndId: String? = nil, creditorRef: String? = nil, remittance: String? = nil,
                debtorName: String? = nil, debtorIban: String? = nil) {
        self.entryRef = entryRef
        self.amount = amount
        self.currency = currency
        self.bookedOn = bookedOn
        self.valueOn = valueOn
        self.endToEndId = endToEndId
        self.creditorRef = creditorRef
        self.remittance = remittance
        self.debtorName = debtorName
        self.debtorIban = debtorIban
    }

    public func encode(to encoder: any Encoder) throws { try encodeEveryField(to: encoder) }

    /// Checks each field, naming it with `prefix` (`credits[3]`).
    func validate(prefix: String) throws(ParameterProblem) {
        do {
            try ControlValidation.check(text: entryRef, field: "entryRef", maxLength: 200)
            try ControlValidation.check(amount: amount)
            try ControlValidation.check(currency: currency)
            try ControlValidation.check(date: bookedOn, field: "bookedOn")
            if let valueOn { try ControlValidation.check(date: valueOn, field: "valueOn") }
            for (value, field) in [(endToEndId, "endToEndId"), (creditorRef, "creditorRef"), (debtorName, "debtorName"),
                                   (debtorIban, "debtorIban")] {
                if let value { try ControlValidation.check(text: value, field: field, maxLength: 200) }
            }
            if let remittance { try ControlValidation.check(text: remittance, field: "remittance", maxLength: 1000) }
        } catch {
            throw ParameterProblem("\(prefix).\(error.field)", error.reason)
        }
    }
}
