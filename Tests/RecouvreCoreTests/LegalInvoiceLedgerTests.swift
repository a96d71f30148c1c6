import Testing
import RecouvreCore

@Suite struct LegalInvoiceLedgerTests {
    private func day(_ iso: String) throws -> CalendarDay { try LegalFixtures.day(iso) }
    private func euros(_ text: String) throws -> Money { try LegalFixtures.euros(text) }

    @Test func balanceCountsPaymentsAndReductionsUpToTheDay() throws {
        let ledger = try LegalFixtures.invoice("1000.00", due: "2025-06-20", payments: [("2025-07-03", "400.00")], reductions: [("2025-07-05", "100.00")])
        #expect(ledger.balance(atEndOf: try day("2025-07-02")) == (try euros("1000.00")))
        #expect(ledger.balance(atEndOf: try day("2025-07-03")) == (try euros("600.00")))
        #expect(ledger.balance(atEndOf: try day("2025-07-05")) == (try euros("500.00")))
    }

    @Test func rejectsAPaymentInAnotherCurrency() throws {
        #expect {
            try InvoiceLedger(invoiceId: 1, number: "F-1", dueOn: try day("2025-06-20"), amount: try euros("100"),
                              payments: [LedgerPayment(receivedOn: try day("2025-06-21"), amount: Money(amount: 100, currency: "USD"))])
        } throws: { error in
            "\(error)".contains("invoice F-1: a payment or reduction is in USD but the invoice is in EUR")
        }
    }

    @Test func rejectsNonPositivePaymentsAndNegativeInvoices() throws {
        #expect(throws: InvalidLedger.self) {
            try LegalFixtures.invoice("100", due: "2025-06-20", payments: [("2025-06-21", "0")])
        }
        #expect(throws: InvalidLedger.self) {
            try LegalFixtures.invoice("100", due: "2025-06-20", reductions: [("2025-06-21", "-5")])
        }
        #expect(throws: InvalidLedger.self) { try LegalFixtures.invoice("-100", due: "2025-06-20") }
    }
}
