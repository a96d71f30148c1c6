import RecouvreCore

/// Parameters of `ImportBankStatement`.
public struct ImportBankStatementParameters: Codable, Sendable, Equatable, ValidatedParameters {
    /// The tenant's slug.
    public var tenant: String
    public var statement: BankStatementEntry
    /// Match and report, keep nothing.
    public var dryRun: Bool?

    /// Builds the parameters.
    public init(tenant: String, statement: BankStatementEntry, dryRun: Bool? = nil) {
        self.tenant = tenant
        self.statement = statement
        self.dryRun = dryRun
    }

    public func validate() throws(ParameterProblem) {
        try ControlValidation.check(tenant: tenant)
        try ControlValidation.check(statement.format, among: BankStatementEntry.formats, field: "statement.format")
        let account = statement.account
        if account.count < 15 || account.count > 34 || !account.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) {
            throw ParameterProblem("statement.account", "'\(account)' is not an IBAN: capitals and digits, without spaces")
        }
        guard BankIdentifiers.isValidIBAN(account) else {
            throw ParameterProblem("statement.account", "'\(account)' is not an IBAN: its check digits are wrong (ISO 13616, mod 97)")
        }
        try ControlValidation.check(text: statement.reference, field: "statement.reference", maxLength: 200)
        if statement.credits.count > BankStatementEntry.maxCredits {
            throw ParameterProblem("statement.credits", "\(statement.credits.count) credits: send at most \(BankStatementEntry.maxCredits) per call")
        }
        for (index, credit) in statement.credits.enumerated() {
            try credit.validate(prefix: "statement.credits[\(index)]")
        }
    }
}
