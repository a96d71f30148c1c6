import ControlProtocol
import Testing

@Suite struct BankParametersTests {
    func statement(_ credits: [BankCreditEntry], account: String = "FR7630004008280001234567841",
                   format: String = "camt.053") -> ImportBankStatementParameters {
        ImportBankStatementParameters(tenant: "acme", statement: BankStatementEntry(format: format, account: account,
                                                                                    reference: "S-1", credits: credits))
    }

    let good = BankCreditEntry(entryRef: "E-1", amount: "12.50", currency: "EUR", bookedOn: "2026-03-03")

    func problem(_ p: some ValidatedParameters) -> ParameterProblem? {
        do {
            try p.validate()
            return nil
        } catch {
            return error
        }
    }

    @Test func aWellFormedStatementPasses() {
        #expect(problem(statement([good])) == nil)
        #expect(problem(statement([])) == nil, "a statement without credits is recorded as read")
    }

    @Test func eachCreditFieldIsNamedWithItsPosition() {
        var bad = good
        bad.amount = "12.505"
        #expect(problem(statement([good, bad]))?.field == "statement.credits[1].amount")
        bad = good
        bad.bookedOn = "2026-02-30"
        #expect(problem(statement([bad]))?.field == "statement.credits[0].bookedOn")
        bad = good
        bad.remittance = String(repeating: "x", count: 1001)
        #expect(problem(statement([bad]))?.field == "statement.credits[0].remittance")
        bad = good
        bad.entryRef = " "
        #expect(problem(statement([bad]))?.field == "statement.credits[0].entryRef")
    }

    @Test func theStatementItselfIsChecked() {
        #expect(problem(statement([good], format: "mt940"))?.field == "statement.format")
        #expect(problem(statement([good], account: "FR76 3000"))?.field == "statement.account")
        // The right shape, the wrong check digits (FR76 3000 6000 0112 3456 7890 189 with 88 for 89).
        #expect(problem(statement([good], account: "FR7630006000011234567890188"))?.reason.contains("check digits") == true)
        let many = Array(repeating: good, count: BankStatementEntry.maxCredits + 1)
        #expect(problem(statement(many))?.reason == "101 credits: send at most 100 per call")
    }

    @Test func assignNamesAnInvoiceOrADebtor() {
        #expect(problem(AssignCreditParameters(tenant: "acme", creditId: 3))?.field == "invoice")
        #expect(problem(AssignCreditParameters(tenant: "acme", creditId: 0, invoice: "FA-1"))?.field == "creditId")
        #expect(problem(AssignCreditParameters(tenant: "acme", creditId: 3, debtor: "CLI-1")) == nil)
        #expect(problem(IgnoreCreditParameters(tenant: "Acme", creditId: 3))?.field == "tenant")
    }
}
