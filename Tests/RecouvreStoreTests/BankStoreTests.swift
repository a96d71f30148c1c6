import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import Testing

@Suite("Bank statements: import once, payments from matches, people's assignments")
final class BankStoreTests {
    let database: StoreDatabase
    let sql: PostgresConnection
    let store: BankStore
    let acme: Int64
    let dupont: Int64
    let account = "FR7630004008280001234567841"

    init() throws {
        database = try StoreDatabase()
        let tenant = try database.tenant("acme")
        sql = tenant.sql
        store = BankStore(slug: tenant.slug)
        acme = try sql.insertDebtor(ref: "ACME", name: "ACME Industrie")
        dupont = try sql.insertDebtor(ref: "DUP", name: "Dupont et Fils")
        _ = try sql.insertInvoice(debtor: acme, number: "FA-1", amount: "1200.00", dueOn: "2024-01-31")
        _ = try sql.insertInvoice(debtor: dupont, number: "FA-2", amount: "500.00", dueOn: "2024-02-29")
        _ = try sql.insertInvoice(debtor: dupont, number: "FA-3", amount: "250.00", dueOn: "2024-03-31")
        // The invoices' own planning work is not what these tests look at.
        _ = try sql.query("UPDATE actions SET state = 'succeeded', finished_at = now()")
    }

    var statement: BankStatementInput {
        BankStatementInput(format: "camt.053", accountIBAN: account, reference: "STMT-1", credits: [
            BankCreditInput(entryRef: "E1", amount: 1200, currency: "EUR", bookedOn: "2026-03-03", creditorRef: "FA-1",
                            debtorName: "ACME", debtorIBAN: "FR1420041010050500013M02606"),
            BankCreditInput(entryRef: "E2", amount: 99, currency: "EUR", bookedOn: "2026-03-03", remittance: "merci"),
        ])
    }

    /// Pays the invoice the structured reference names; leaves the rest.
    func byReference(_ credit: BankCreditInput, _ open: [OpenInvoice]) -> CreditDecision {
        guard let invoice = open.first(where: { $0.number == credit.creditorRef && $0.currency == credit.currency }) else {
            return CreditDecision(target: nil, confidence: 10, reason: "no open invoice fits",
                                  suggestions: [CreditSuggestion(invoice: "FA-3", debtor: "DUP", confidence: 10, reason: "guess")])
        }
        return CreditDecision(target: .invoice(id: invoice.invoiceID, debtorID: invoice.debtorID), confidence: 95,
                              reason: "reference \(invoice.number)")
    }

    @Test func aConfidentMatchBecomesAPaymentThatHasTheDebtorReviewed() throws {
        let result = try store.importStatement(sql, statement, author: "ops", dryRun: false, decide: byReference)
        #expect(result.newCount == 2)
        #expect(result.matchedCount == 1)
        #expect(result.unmatchedCount == 1)
        let matched = try #require(result.outcomes.first)
        #expect(matched.invoiceNumber == "FA-1")
        #expect(matched.debtorRef == "ACME")
        let paymentID = try #require(matched.paymentID)

        let payment = try #require(try sql.query("""
            SELECT debtor_id, invoice_id, amount::text AS amount, received_on::text AS received_on, reference
            FROM payments WHERE id = $1
            """, [paymentID]).first)
        #expect(try payment.decode(Int64.self, "debtor_id") == acme)
        #expect(try payment.decode(String.self, "amount") == "1200.00")
        #expect(try payment.decode(String.self, "received_on") == "2026-03-03")
        #expect(try sql.value("SELECT outstanding::text FROM invoice_balances WHERE number = 'FA-1'", as: String.self) == "0.00")
        // The payment trigger asks for a review, which cancels what is pending for FA-1.
        #expect(try sql.value("""
            SELECT count(*) FROM actions WHERE kind = 'review_debtor' AND state = 'scheduled' AND debtor_id = $1
              AND due_at <= now()
            """, [acme], as: Int.self) == 1)
        #expect(try sql.value("SELECT count(*) FROM events WHERE kind = 'payment_entered' AND actor = 'ops'", as: Int.self) == 1)
        #expect(try sql.value("SELECT iban FROM debtor_ibans WHERE debtor_id = $1", [acme], as: String.self)
                == "FR1420041010050500013M02606", "the payer's IBAN is learnt")
        let open = try store.openInvoices(sql)
        #expect(open.map(\.number) == ["FA-2", "FA-3"])

        let stored = try store.credit(sql, id: try #require(matched.creditID))
        #expect(stored.state == "matched")
        #expect(stored.confidence == 95)
        #expect(stored.reason == "reference FA-1")
    }

    @Test func importingTheSameStatementAgainDoublesNothing() throws {
        _ = try store.importStatement(sql, statement, author: "ops", dryRun: false, decide: byReference)
        let again = try store.importStatement(sql, statement, author: "ops", dryRun: false, decide: byReference)
        #expect(again.newCount == 0)
        #expect(again.alreadyImportedCount == 2)
        #expect(again.outcomes.first?.reason == "imported before; matched")
        #expect(again.outcomes.first?.invoiceNumber == "FA-1")
        #expect(try sql.count("payments") == 1)
        #expect(try sql.count("bank_credits") == 2)
        #expect(try sql.count("bank_statements") == 1)
        // A later statement repeating one entry adds only the new one.
        var next = statement
        next.reference = "STMT-2"
        next.credits.append(BankCreditInput(entryRef: "E3", amount: 500, currency: "EUR", bookedOn: "2026-03-04", creditorRef: "FA-2"))
        let third = try store.importStatement(sql, next, author: "ops", dryRun: false, decide: byReference)
        #expect(third.outcomes.map(\.status) == ["already_imported", "already_imported", "matched"])
        #expect(try sql.count("payments") == 2)
    }

    @Test func aDryRunKeepsNothing() throws {
        let result = try store.importStatement(sql, statement, author: "ops", dryRun: true, decide: byReference)
        #expect(result.dryRun)
        #expect(result.matchedCount == 1)
        #expect(result.outcomes.allSatisfy { $0.creditID == nil && $0.paymentID == nil })
        #expect(try sql.count("bank_credits") == 0)
        #expect(try sql.count("bank_statements") == 0)
        #expect(try sql.count("payments") == 0)
    }

    @Test func twoCreditsForOneInvoiceSeeItsBalanceAfterTheFirst() throws {
        var twice = statement
        twice.credits = [
            BankCreditInput(entryRef: "A", amount: 1200, currency: "EUR", bookedOn: "2026-03-03", creditorRef: "FA-1"),
            BankCreditInput(entryRef: "B", amount: 1200, currency: "EUR", bookedOn: "2026-03-03", creditorRef: "FA-1"),
        ]
        let result = try store.importStatement(sql, twice, author: "ops", dryRun: false, decide: byReference)
        #expect(result.outcomes.map(\.status) == ["matched", "unmatched"], "FA-1 is no longer open for the second")
    }

    @Test func anUnmatchedCreditIsAssignedThenBecomesAPayment() throws {
        let result = try store.importStatement(sql, statement, author: "ops", dryRun: false, decide: byReference)
        let waiting = try store.unmatchedCredits(sql)
        #expect(waiting.count == 1)
        let credit = try #require(waiting.first)
        #expect(credit.amount == 99)
        #expect(credit.suggestions.first?.invoice == "FA-3")
        #expect(credit.id == result.outcomes[1].creditID)

        let assigned = try store.assignCredit(sql, id: credit.id, invoiceNumber: "FA-3", debtorRef: nil, author: "alice")
        #expect(assigned.state == "assigned")
        #expect(assigned.invoiceNumber == "FA-3")
        #expect(assigned.debtorRef == "DUP")
        #expect(try sql.value("SELECT outstanding::text FROM invoice_balances WHERE number = 'FA-3'", as: String.self) == "151.00")
        #expect(try sql.value("""
            SELECT count(*) FROM actions WHERE kind = 'review_debtor' AND state = 'scheduled' AND debtor_id = $1
            """, [dupont], as: Int.self) == 1)
        #expect(try store.unmatchedCredits(sql).isEmpty)
        // Once a payment, it cannot be assigned or ignored again.
        #expect(throws: MisfitError.self) {
            try self.store.assignCredit(self.sql, id: credit.id, invoiceNumber: "FA-2", debtorRef: nil, author: "alice")
        }
        #expect(throws: MisfitError.self) { try self.store.ignoreCredit(self.sql, id: credit.id, reason: nil, author: "alice") }
    }

    @Test func assigningToADebtorPaysItsOldestFirst() throws {
        _ = try store.importStatement(sql, statement, author: "ops", dryRun: false, decide: byReference)
        let credit = try #require(try store.unmatchedCredits(sql).first)
        let assigned = try store.assignCredit(sql, id: credit.id, invoiceNumber: nil, debtorRef: "DUP", author: "alice")
        #expect(assigned.invoiceNumber == nil)
        #expect(assigned.debtorRef == "DUP")
        #expect(try sql.value("SELECT outstanding::text FROM invoice_balances WHERE number = 'FA-2'", as: String.self) == "401.00")
    }

    @Test func assignmentsThatDoNotFitAreRefused() throws {
        _ = try sql.insertInvoice(debtor: acme, number: "US-1", amount: "99.00", currency: "USD")
        _ = try store.importStatement(sql, statement, author: "ops", dryRun: false, decide: byReference)
        let credit = try #require(try store.unmatchedCredits(sql).first)
        #expect(throws: MisfitError.self) {
            try self.store.assignCredit(self.sql, id: credit.id, invoiceNumber: "US-1", debtorRef: nil, author: "alice")
        }
        #expect(throws: MisfitError.self) {
            try self.store.assignCredit(self.sql, id: credit.id, invoiceNumber: "FA-2", debtorRef: "ACME", author: "alice")
        }
        #expect(throws: NotFoundError(what: "invoice", key: "NOPE")) {
            try self.store.assignCredit(self.sql, id: credit.id, invoiceNumber: "NOPE", debtorRef: nil, author: "alice")
        }
        #expect(throws: NotFoundError(what: "credit", key: "999")) {
            try self.store.assignCredit(self.sql, id: 999, invoiceNumber: "FA-2", debtorRef: nil, author: "alice")
        }
        #expect(try sql.count("payments") == 1)
    }

    @Test func anIgnoredCreditLeavesTheListWithItsReason() throws {
        _ = try store.importStatement(sql, statement, author: "ops", dryRun: false, decide: byReference)
        let credit = try #require(try store.unmatchedCredits(sql).first)
        let ignored = try store.ignoreCredit(sql, id: credit.id, reason: "supplier refund", author: "alice")
        #expect(ignored.state == "ignored")
        #expect(ignored.reason == "supplier refund")
        #expect(try store.unmatchedCredits(sql).isEmpty)
        #expect(try sql.count("payments") == 1)
    }

    @Test func theTableRefusesAPaidStateWithoutAPaymentAndDuplicates() throws {
        _ = try store.importStatement(sql, statement, author: "ops", dryRun: false, decide: byReference)
        #expect(throws: PostgresError.self) {
            try self.sql.query("UPDATE bank_credits SET state = 'assigned' WHERE state = 'unmatched'")
        }
        #expect(throws: PostgresError.self) {
            try self.sql.query("""
                INSERT INTO bank_credits (statement_id, account_iban, entry_ref, amount, currency, booked_on)
                SELECT statement_id, account_iban, entry_ref, 1, 'EUR', booked_on FROM bank_credits LIMIT 1
                """)
        }
        #expect(throws: PostgresError.self) {
            try self.sql.query("UPDATE bank_credits SET confidence = 101")
        }
    }
}
