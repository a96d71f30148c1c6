import Foundation
import Postgres
import RecouvreStore
import Testing

/// `record_promise`: what a debtor promised, checked against the open case and what is overdue.
@Suite("Procedure: promises")
final class ProcedurePromiseTests {
    let database: StoreDatabase
    let sql: PostgresConnection
    let debtor: Int64

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
        debtor = try sql.insertDebtor(ref: "CLI-001")
        _ = try sql.insertOverdueInvoice(debtor: debtor, number: "F-1", amount: "500.00", daysOverdue: 20)
        // Not yet due: not part of what is overdue.
        _ = try sql.insertOverdueInvoice(debtor: debtor, number: "F-2", amount: "900.00", daysOverdue: -10)
        _ = try sql.insertPayment(debtor: debtor, amount: "100.00")
    }

    private func promise(_ amount: String?, in days: Int?, author: String? = nil, note: String? = nil) throws -> Int64 {
        try sql.value("SELECT record_promise($1, $2::numeric, local_today() + $3::integer, $4, $5)",
                      [debtor, amount, days, note, author])
    }

    @Test func aPromiseIsRecordedJournaledAndReviewed() throws {
        let caseID = try sql.openCase(debtor: debtor)
        let id = try promise("300.00", in: 5, author: "alice", note: "by transfer")
        let row = try #require(try sql.query("""
            SELECT case_id, amount, currency, promised_on = local_today() + 5 AS on_day, grace_days, paid_before, state,
                   note, made_by, settled_at IS NULL AS unsettled
            FROM promises WHERE id = $1
            """, [id]).first)
        #expect(try row.decode(Int64.self, "case_id") == caseID)
        #expect(try row.decode(Decimal.self, "amount") == decimal("300.00"))
        #expect(try row.decode(String.self, "currency") == "EUR")
        #expect(try row.decode(Bool.self, "on_day"))
        #expect(try row.decode(Int.self, "grace_days") == 3)
        #expect(try row.decode(Decimal.self, "paid_before") == decimal("100.00"))
        #expect(try row.decode(String.self, "state") == "open")
        #expect(try row.decode(String.self, "note") == "by transfer")
        #expect(try row.decode(String.self, "made_by") == "alice")
        #expect(try row.decode(Bool.self, "unsettled"))
        let event = try #require(try sql.latestEvent("promise_made", debtor: debtor))
        #expect(event.actor == "alice")
        #expect(event.detail["promise_id"] == "\(id)")
        #expect(event.detail["amount"] == "300.00")
        #expect(event.detail["currency"] == "EUR")
        #expect(try sql.hasReviewDueNow(debtor: debtor))
    }

    @Test func withoutAnAuthorTheActorIsTheLoginRole() throws {
        _ = try sql.openCase(debtor: debtor)
        _ = try promise("10.00", in: 0)
        let login = try sql.value("SELECT session_user::text", as: String.self)
        #expect(try sql.latestEvent("promise_made", debtor: debtor)?.actor == login)
        #expect(try sql.value("SELECT made_by FROM promises", as: String.self) == login)
    }

    @Test func aNewPromiseCancelsTheOpenOne() throws {
        _ = try sql.openCase(debtor: debtor)
        let first = try promise("100.00", in: 3)
        let second = try promise("400.00", in: 10)
        #expect(try sql.value("SELECT state || ' ' || (settled_at IS NOT NULL) FROM promises WHERE id = $1", [first], as: String.self)
                == "cancelled true")
        #expect(try sql.value("SELECT state FROM promises WHERE id = $1", [second], as: String.self) == "open")
        #expect(try sql.latestEvent("promise_made", debtor: debtor)?.detail["replaces"] == "\(first)")
    }

    @Test func theGraceDaysComeFromTheCasePolicy() throws {
        _ = try sql.query("UPDATE policies SET grace_days = 7 WHERE name = 'consumer'")
        _ = try sql.openCase(debtor: debtor, policy: "consumer")
        let id = try promise("50.00", in: 1)
        #expect(try sql.value("SELECT grace_days FROM promises WHERE id = $1", [id], as: Int.self) == 7)
    }

    @Test func aPromiseNeedsAnOpenCase() throws {
        expectProcedureError("55000", mentioning: ["no open collection case", "a promise"], hint: "case opens the day after an invoice's due date") {
            _ = try self.promise("100.00", in: 3)
        }
        #expect(try sql.count("promises") == 0)
    }

    @Test func thePromisedDayIsWithinTheNext90Days() throws {
        _ = try sql.openCase(debtor: debtor)
        let today = try sql.localDay()
        expectProcedureError("22023", mentioning: ["promised_on", "today (\(today))"], hint: "create_payment_plan") {
            _ = try self.promise("100.00", in: -1)
        }
        expectProcedureError("22023", mentioning: ["promised_on", "90 days"]) { _ = try self.promise("100.00", in: 91) }
        expectProcedureError("22004", mentioning: ["promised_on"]) { _ = try self.promise("100.00", in: nil) }
        _ = try promise("100.00", in: 90)
    }

    @Test func theAmountIsAtMostWhatIsOverdue() throws {
        _ = try sql.openCase(debtor: debtor)
        expectProcedureError("22023", mentioning: ["400.01", "overdue outstanding 400.00 EUR"], hint: "at most 400.00 EUR") {
            _ = try self.promise("400.01", in: 3)
        }
        expectProcedureError("22023", mentioning: ["amount -5"]) { _ = try self.promise("-5", in: 3) }
        expectProcedureError("22023", mentioning: ["amount 1.234"]) { _ = try self.promise("1.234", in: 3) }
        expectProcedureError("22004", mentioning: ["amount"]) { _ = try self.promise(nil, in: 3) }
        _ = try promise("400.00", in: 3)
    }

    @Test func anUnknownDebtorIsNamed() throws {
        expectProcedureError("P0002", mentioning: ["debtor 987654 does not exist"], hint: "external_ref") {
            _ = try self.sql.query("SELECT record_promise(987654, 10, local_today())")
        }
    }

    @Test func overdueInvoicesInSeveralCurrenciesAreRefused() throws {
        _ = try sql.insertOverdueInvoice(debtor: debtor, number: "F-USD", amount: "50.00", daysOverdue: 15, currency: "USD")
        _ = try sql.openCase(debtor: debtor)
        expectProcedureError("0A000", mentioning: ["several currencies", "EUR, USD"]) { _ = try self.promise("10.00", in: 3) }
    }

    @Test func thePaidBeforeTotalCountsTheCaseCurrencyOnly() throws {
        _ = try sql.insertPayment(debtor: debtor, amount: "77.00", currency: "USD")
        _ = try sql.openCase(debtor: debtor)
        let id = try promise("10.00", in: 3)
        #expect(try sql.value("SELECT paid_before FROM promises WHERE id = $1", [id], as: Decimal.self) == decimal("100.00"))
    }
}
