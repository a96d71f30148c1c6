import Foundation
import Postgres
import RecouvreStore
import Testing

/// `open_dispute` and `resolve_dispute`.
@Suite("Procedure: disputes")
final class ProcedureDisputeTests {
    let database: StoreDatabase
    let sql: PostgresConnection
    let debtor: Int64
    let first: Int64
    let second: Int64

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
        debtor = try sql.insertDebtor(ref: "CLI-001")
        first = try sql.insertOverdueInvoice(debtor: debtor, number: "F-1", amount: "400.00", daysOverdue: 30)
        second = try sql.insertOverdueInvoice(debtor: debtor, number: "F-2", amount: "250.00", daysOverdue: 5)
    }

    private func disputed() throws -> [String] {
        try sql.query("SELECT number FROM overdue_invoices($1) WHERE disputed ORDER BY number", [debtor]).rows
            .map { try $0.decode(String.self, "number") }
    }

    @Test func anInvoiceDisputeTakesItOutOfTheCollectibleSet() throws {
        let id = try sql.value("SELECT open_dispute($1, $2, ' goods returned ', 'dave')", [debtor, first], as: Int64.self)
        #expect(try disputed() == ["F-1"])
        let row = try #require(try sql.query("SELECT invoice_id, reason, state, opened_by FROM disputes WHERE id = $1", [id]).first)
        #expect(try row.decode(Int64.self, "invoice_id") == first)
        #expect(try row.decode(String.self, "reason") == "goods returned")
        #expect(try row.decode(String.self, "state") == "open")
        #expect(try row.decode(String.self, "opened_by") == "dave")
        let event = try #require(try sql.latestEvent("dispute_opened", debtor: debtor))
        #expect(event.actor == "dave")
        #expect(event.detail["dispute_id"] == "\(id)")
        #expect(event.detail["scope"] == "invoice")
        #expect(try sql.hasReviewDueNow(debtor: debtor))
    }

    @Test func aWholeDebtorDisputeCoversEveryInvoice() throws {
        _ = try sql.query("SELECT open_dispute($1, NULL, 'contests the contract')", [debtor])
        #expect(try disputed() == ["F-1", "F-2"])
        #expect(try sql.latestEvent("dispute_opened", debtor: debtor)?.detail["scope"] == "debtor")
        expectProcedureError("23505", mentioning: ["debtor \(debtor) already has an open dispute"], hint: "resolve_dispute") {
            _ = try self.sql.query("SELECT open_dispute($1, NULL, 'again')", [self.debtor])
        }
    }

    @Test func openingIsValidated() throws {
        let other = try sql.insertDebtor(ref: "CLI-002")
        _ = try sql.query("SELECT open_dispute($1, $2, 'first')", [debtor, first])
        expectProcedureError("23505", mentioning: ["invoice F-1 already has an open dispute"]) {
            _ = try self.sql.query("SELECT open_dispute($1, $2, 'second')", [self.debtor, self.first])
        }
        expectProcedureError("P0002", mentioning: ["invoice \(second) is not an invoice of debtor \(other)"]) {
            _ = try self.sql.query("SELECT open_dispute($1, $2, 'wrong debtor')", [other, self.second])
        }
        expectProcedureError("22023", mentioning: ["reason"]) {
            _ = try self.sql.query("SELECT open_dispute($1, $2, ' ')", [self.debtor, self.second])
        }
        expectProcedureError("P0002", mentioning: ["debtor 555555 does not exist"]) {
            _ = try self.sql.query("SELECT open_dispute(555555, NULL, 'x')")
        }
        _ = try sql.insertPayment(debtor: debtor, invoice: second, amount: "250.00")
        expectProcedureError("55000", mentioning: ["invoice F-2 has nothing outstanding"]) {
            _ = try self.sql.query("SELECT open_dispute($1, $2, 'paid already')", [self.debtor, self.second])
        }
        #expect(try sql.count("disputes") == 1)
    }

    @Test func resumingPutsTheInvoiceBackInCollection() throws {
        let id = try sql.value("SELECT open_dispute($1, $2, 'goods returned')", [debtor, first], as: Int64.self)
        _ = try sql.query("SELECT resolve_dispute($1, 'resume', 'goods were fine', 'erin')", [id])
        #expect(try disputed().isEmpty)
        let row = try #require(try sql.query("""
            SELECT state, resolution, resolution_note, resolved_by, resolved_at IS NOT NULL AS dated FROM disputes WHERE id = $1
            """, [id]).first)
        #expect(try row.decode(String.self, "state") == "resolved")
        #expect(try row.decode(String.self, "resolution") == "resume")
        #expect(try row.decode(String.self, "resolution_note") == "goods were fine")
        #expect(try row.decode(String.self, "resolved_by") == "erin")
        #expect(try row.decode(Bool.self, "dated"))
        #expect(try sql.count("reductions") == 0)
        let event = try #require(try sql.latestEvent("dispute_resolved", debtor: debtor))
        #expect(event.actor == "erin")
        #expect(event.detail["resolution"] == "resume")
    }

    @Test func cancellingWritesOffTheDisputedInvoice() throws {
        _ = try sql.insertPayment(debtor: debtor, invoice: first, amount: "100.00")
        let id = try sql.value("SELECT open_dispute($1, $2, 'goods returned')", [debtor, first], as: Int64.self)
        _ = try sql.query("SELECT resolve_dispute($1, 'cancel')", [id])
        let reduction = try #require(try sql.query("SELECT invoice_id, kind, amount, reason FROM reductions").first)
        #expect(try reduction.decode(Int64.self, "invoice_id") == first)
        #expect(try reduction.decode(String.self, "kind") == "write_off")
        #expect(try reduction.decode(Decimal.self, "amount") == decimal("300.00"))
        #expect(try reduction.decode(String.self, "reason") == "dispute upheld: goods returned")
        #expect(try sql.value("SELECT outstanding FROM invoice_balances WHERE invoice_id = $1", [first], as: Decimal.self) == 0)
        #expect(try sql.value("SELECT outstanding FROM invoice_balances WHERE invoice_id = $1", [second], as: Decimal.self) == decimal("250.00"))
    }

    @Test func cancellingAWholeDebtorDisputeWritesOffWhatItCovered() throws {
        let id = try sql.value("SELECT open_dispute($1, NULL, 'never ordered')", [debtor], as: Int64.self)
        _ = try sql.query("SELECT resolve_dispute($1, 'cancel', 'order forged')", [id])
        #expect(try sql.value("SELECT sum(outstanding) FROM invoice_balances WHERE debtor_id = $1", [debtor], as: Decimal.self) == 0)
        #expect(try sql.value("SELECT count(*) FROM reductions WHERE kind = 'write_off'", as: Int.self) == 2)
    }

    @Test func resolvingIsValidated() throws {
        let id = try sql.value("SELECT open_dispute($1, $2, 'goods returned')", [debtor, first], as: Int64.self)
        expectProcedureError("22023", mentioning: ["resolution \"drop\"", "resume or cancel"]) {
            _ = try self.sql.query("SELECT resolve_dispute($1, 'drop')", [id])
        }
        expectProcedureError("P0002", mentioning: ["dispute 777777 does not exist"]) {
            _ = try self.sql.query("SELECT resolve_dispute(777777, 'resume')")
        }
        _ = try sql.query("SELECT resolve_dispute($1, 'resume')", [id])
        expectProcedureError("55000", mentioning: ["dispute \(id) is already resolved"]) {
            _ = try self.sql.query("SELECT resolve_dispute($1, 'cancel')", [id])
        }
        #expect(try sql.count("reductions") == 0)
    }
}
