import Foundation
import Postgres
import RecouvreStore
import Testing

/// `reductions`, `grant_reduction`, `write_off`, and what reductions do to `invoice_balances` and
/// `claim_statement`.
@Suite("Procedure: reductions, write-offs and balances")
final class ProcedureReductionTests {
    let database: StoreDatabase
    let sql: PostgresConnection
    let debtor: Int64

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
        debtor = try sql.insertDebtor(ref: "CLI-001")
    }

    private func balance(_ invoice: Int64) throws -> [Decimal] {
        let row = try #require(try sql.query("SELECT paid, reduced, outstanding FROM invoice_balances WHERE invoice_id = $1", [invoice]).first)
        return [try row.decode(Decimal.self, "paid"), try row.decode(Decimal.self, "reduced"), try row.decode(Decimal.self, "outstanding")]
    }

    @Test func theBalanceViewKeepsItsColumnsAndAddsReducedLast() throws {
        let columns = try sql.query("""
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'tenant_acme' AND table_name = 'invoice_balances' ORDER BY ordinal_position
            """).rows.map { try $0.decode(String.self, "column_name") }
        #expect(columns == ["invoice_id", "debtor_id", "number", "currency", "issued_on", "due_on", "amount", "paid",
                            "outstanding", "days_overdue", "reduced"])
    }

    @Test func reductionsLowerTheirInvoiceBeforeThePoolIsAllocated() throws {
        let january = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "100.00", dueOn: "2024-01-10")
        let february = try sql.insertInvoice(debtor: debtor, number: "F-2", amount: "200.00", dueOn: "2024-02-10")
        _ = try sql.query("INSERT INTO reductions (invoice_id, amount, reason) VALUES ($1, 40, 'late delivery')", [january])
        _ = try sql.insertPayment(debtor: debtor, amount: "100.00")
        // January owes 60 after its reduction; the pool of 100 pays it and 40 of February.
        #expect(try balance(january) == [decimal("60.00"), decimal("40.00"), 0])
        #expect(try balance(february) == [decimal("40.00"), 0, decimal("160.00")])
    }

    @Test func reductionsAndNamedPaymentsAddUpToTheAmount() throws {
        let invoice = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "100.00")
        _ = try sql.query("INSERT INTO reductions (invoice_id, amount, reason, kind) VALUES ($1, 30, 'credit note AV-1', 'credit_note')", [invoice])
        _ = try sql.insertPayment(debtor: debtor, invoice: invoice, amount: "100.00")
        #expect(try balance(invoice) == [decimal("70.00"), decimal("30.00"), 0])
    }

    @Test func grantReductionRecordsJournalsAndAsksForAReview() throws {
        let invoice = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "100.00")
        let id = try sql.value("SELECT grant_reduction($1, 12.50, ' late delivery ', 'reduction', 'alice')", [invoice], as: Int64.self)
        let row = try #require(try sql.query("""
            SELECT debtor_id, currency, kind, amount, reason, granted_by, granted_on = local_today() AS today
            FROM reductions WHERE id = $1
            """, [id]).first)
        #expect(try row.decode(Int64.self, "debtor_id") == debtor)
        #expect(try row.decode(String.self, "currency") == "EUR")
        #expect(try row.decode(String.self, "kind") == "reduction")
        #expect(try row.decode(Decimal.self, "amount") == decimal("12.50"))
        #expect(try row.decode(String.self, "reason") == "late delivery")
        #expect(try row.decode(String.self, "granted_by") == "alice")
        #expect(try row.decode(Bool.self, "today"))
        #expect(try balance(invoice) == [0, decimal("12.50"), decimal("87.50")])
        let event = try #require(try sql.latestEvent("reduction_granted", debtor: debtor))
        #expect(event.actor == "alice")
        #expect(event.detail["amount"] == "12.50")
        #expect(event.detail["reduction_id"] == "\(id)")
        #expect(try sql.hasReviewDueNow(debtor: debtor))
    }

    @Test func aReductionAboveTheOutstandingIsRefusedWhoeverInsertsIt() throws {
        let invoice = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "100.00")
        _ = try sql.insertPayment(debtor: debtor, amount: "30.00")
        let error = expectProcedureError("23514", mentioning: ["F-1", "70.01", "outstanding 70.00 EUR"], hint: "at most 70.00 EUR") {
            _ = try self.sql.query("SELECT grant_reduction($1, 70.01, 'gesture')", [invoice])
        }
        #expect(error?.constraint == "reduction_not_above_outstanding")
        expectProcedureError("23514", mentioning: ["more than its outstanding"]) {
            _ = try self.sql.query("INSERT INTO reductions (invoice_id, amount, reason) VALUES ($1, 80, 'direct')", [invoice])
        }
        #expect(try sql.count("reductions") == 0)
        _ = try sql.query("SELECT grant_reduction($1, 70.00, 'gesture')", [invoice])
        expectProcedureError("23514", mentioning: ["more than its outstanding 0.00"], hint: "settled") {
            _ = try self.sql.query("SELECT grant_reduction($1, 0.01, 'gesture')", [invoice])
        }
    }

    @Test func grantReductionValidatesItsArguments() throws {
        let invoice = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "100.00")
        let call = "SELECT grant_reduction($1, $2::numeric, $3, $4)"
        expectProcedureError("22023", mentioning: ["amount 0", "positive"]) { _ = try self.sql.query(call, [invoice, "0", "x", "reduction"]) }
        expectProcedureError("22023", mentioning: ["amount 1.005", "2 decimals"]) { _ = try self.sql.query(call, [invoice, "1.005", "x", "reduction"]) }
        expectProcedureError("22004", mentioning: ["amount"]) { _ = try self.sql.query(call, [invoice, nil, "x", "reduction"]) }
        expectProcedureError("22023", mentioning: ["reason"]) { _ = try self.sql.query(call, [invoice, "5", "  ", "reduction"]) }
        expectProcedureError("22004", mentioning: ["reason"]) { _ = try self.sql.query(call, [invoice, "5", nil, "reduction"]) }
        expectProcedureError("22023", mentioning: ["gift", "reduction, credit_note or write_off"]) {
            _ = try self.sql.query(call, [invoice, "5", "x", "gift"])
        }
        expectProcedureError("22023", mentioning: ["whole outstanding 100.00", "not 5"], hint: "write_off(") {
            _ = try self.sql.query(call, [invoice, "5", "x", "write_off"])
        }
        expectProcedureError("P0002", mentioning: ["invoice 424242 does not exist"]) {
            _ = try self.sql.query(call, [Int64(424_242), "5", "x", "reduction"])
        }
        #expect(try sql.count("reductions") == 0)
    }

    @Test func writeOffTakesTheWholeOutstanding() throws {
        let invoice = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "100.00")
        _ = try sql.insertPayment(debtor: debtor, invoice: invoice, amount: "33.33")
        let id = try sql.value("SELECT write_off($1, 'debtor in liquidation', 'bob')", [invoice], as: Int64.self)
        #expect(try sql.value("SELECT kind || ' ' || amount FROM reductions WHERE id = $1", [id], as: String.self) == "write_off 66.67")
        #expect(try balance(invoice) == [decimal("33.33"), decimal("66.67"), 0])
        #expect(try sql.latestEvent("reduction_granted", debtor: debtor)?.actor == "bob")
        expectProcedureError("55000", mentioning: ["F-1", "nothing outstanding"]) {
            _ = try self.sql.query("SELECT write_off($1, 'again')", [invoice])
        }
        expectProcedureError("22023", mentioning: ["reason"]) { _ = try self.sql.query("SELECT write_off($1, '')", [invoice]) }
    }

    @Test func aReductionLowersTheClaimFromTheNextDayWithoutRestartingPrescription() throws {
        // As the partial payment of ClaimStatementTests: 3.60274 + 0.99863 + 1.39808 → 6.00; but a
        // reduction is the creditor's act, not an acknowledgment: prescription stays due date + 5 years.
        let invoice = try sql.insertInvoice(debtor: debtor, number: "F-1", amount: "1000.00", issuedOn: "2025-05-20", dueOn: "2025-06-20")
        _ = try sql.query("INSERT INTO reductions (invoice_id, amount, reason, granted_on) VALUES ($1, 400, 'gesture', '2025-07-03')", [invoice])
        let row = try #require(try sql.query("""
            SELECT principal_outstanding, penalty, total, prescription_ends_on::text AS ends FROM claim_statement($1, '2025-07-10')
            """, [debtor]).first)
        #expect(try row.decode(Decimal.self, "principal_outstanding") == decimal("600.00"))
        #expect(try row.decode(Decimal.self, "penalty") == decimal("6.00"))
        #expect(try row.decode(Decimal.self, "total") == decimal("646.00"))
        #expect(try row.decode(String.self, "ends") == "2030-06-20")
        // A reduction granted after as_of is not counted.
        #expect(try sql.value("SELECT principal_outstanding FROM claim_statement($1, '2025-07-02')", [debtor], as: Decimal.self)
                == decimal("1000.00"))
    }
}
