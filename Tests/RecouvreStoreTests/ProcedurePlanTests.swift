import Foundation
import Postgres
import RecouvreStore
import Testing

/// `create_payment_plan`: instalments that add up to the collectible overdue outstanding.
@Suite("Procedure: payment plans")
final class ProcedurePlanTests {
    let database: StoreDatabase
    let sql: PostgresConnection
    let debtor: Int64
    let older: Int64

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
        debtor = try sql.insertDebtor(ref: "CLI-001")
        older = try sql.insertOverdueInvoice(debtor: debtor, number: "F-1", amount: "600.00", daysOverdue: 40)
        _ = try sql.insertOverdueInvoice(debtor: debtor, number: "F-2", amount: "300.00", daysOverdue: 10)
        _ = try sql.insertOverdueInvoice(debtor: debtor, number: "F-3", amount: "1000.00", daysOverdue: -5)
        _ = try sql.insertPayment(debtor: debtor, amount: "50.00")
        _ = try sql.query("SELECT grant_reduction($1, 100, 'gesture')", [older])
    }

    /// Instalments as JSON, due `offsets` days from today.
    private func instalments(_ items: [(offset: Int, amount: String)]) throws -> String {
        try items.map { #"{"due_on": "\#(try sql.localDay($0.offset))", "amount": \#($0.amount)}"# }
            .joined(separator: ", ").wrapped
    }

    private func plan(_ json: String?, author: String? = nil) throws -> Int64 {
        try sql.value("SELECT create_payment_plan($1, $2::jsonb, 'agreed by phone', $3)", [debtor, json, author])
    }

    @Test func aPlanIsRecordedWithItsInstalments() throws {
        let caseID = try sql.openCase(debtor: debtor)
        // 600 + 300 − 50 paid − 100 reduced = 750; the invoice not yet due is not part of it.
        let id = try plan(try instalments([(0, #""250.00""#), (30, "250"), (60, #""250""#)]), author: "carol")
        let row = try #require(try sql.query("""
            SELECT case_id, currency, total, grace_days, paid_before, state, note, created_by FROM payment_plans WHERE id = $1
            """, [id]).first)
        #expect(try row.decode(Int64.self, "case_id") == caseID)
        #expect(try row.decode(String.self, "currency") == "EUR")
        #expect(try row.decode(Decimal.self, "total") == decimal("750.00"))
        #expect(try row.decode(Int.self, "grace_days") == 3)
        #expect(try row.decode(Decimal.self, "paid_before") == decimal("50.00"))
        #expect(try row.decode(String.self, "state") == "active")
        #expect(try row.decode(String.self, "note") == "agreed by phone")
        #expect(try row.decode(String.self, "created_by") == "carol")
        let lines = try sql.query("""
            SELECT number, due_on - local_today() AS offset_days, amount FROM plan_instalments WHERE plan_id = $1 ORDER BY number
            """, [id]).rows
        #expect(try lines.map { try $0.decode(Int.self, "number") } == [1, 2, 3])
        #expect(try lines.map { try $0.decode(Int.self, "offset_days") } == [0, 30, 60])
        #expect(try lines.map { try $0.decode(Decimal.self, "amount") } == [decimal("250"), decimal("250"), decimal("250")])
        let event = try #require(try sql.latestEvent("plan_created", debtor: debtor))
        #expect(event.actor == "carol")
        #expect(event.detail["total"] == "750.00")
        #expect(event.detail["instalments"] == "3")
        #expect(try sql.hasReviewDueNow(debtor: debtor))
    }

    @Test func aPlanReplacesAnOpenPromiseAndAnActivePlan() throws {
        _ = try sql.openCase(debtor: debtor)
        let promise = try sql.value("SELECT record_promise($1, 100, local_today() + 2)", [debtor], as: Int64.self)
        let first = try plan(try instalments([(1, #""750.00""#)]))
        #expect(try sql.value("SELECT state FROM promises WHERE id = $1", [promise], as: String.self) == "cancelled")
        let second = try plan(try instalments([(1, #""700.00""#), (15, #""50.00""#)]))
        #expect(try sql.value("SELECT state || ' ' || (ended_at IS NOT NULL) FROM payment_plans WHERE id = $1", [first], as: String.self)
                == "cancelled true")
        #expect(try sql.value("SELECT state FROM payment_plans WHERE id = $1", [second], as: String.self) == "active")
        let event = try #require(try sql.latestEvent("plan_created", debtor: debtor))
        #expect(event.detail["replaces_plan"] == "\(first)")
    }

    @Test func theInstalmentsMustAddUpToTheCollectibleOverdueOutstanding() throws {
        _ = try sql.openCase(debtor: debtor)
        expectProcedureError("22023", mentioning: ["add up to 700.00 EUR", "collectible overdue outstanding is 750.00 EUR"],
                             hint: "exactly 750.00 EUR") {
            _ = try self.plan(try self.instalments([(1, #""400.00""#), (2, #""300.00""#)]))
        }
        // A disputed invoice leaves the collectible total: 750 − 300 = 450.
        _ = try sql.query("SELECT open_dispute($1, (SELECT id FROM invoices WHERE number = 'F-2'), 'not delivered')", [debtor])
        expectProcedureError("22023", mentioning: ["collectible overdue outstanding is 450.00 EUR"]) {
            _ = try self.plan(try self.instalments([(1, #""750.00""#)]))
        }
        _ = try plan(try instalments([(1, #""450.00""#)]))
    }

    @Test func aWholeDebtorDisputeLeavesNothingToPlan() throws {
        _ = try sql.openCase(debtor: debtor)
        _ = try sql.query("SELECT open_dispute($1, NULL, 'contests everything')", [debtor])
        expectProcedureError("55000", mentioning: ["nothing collectible"], hint: "dispute") {
            _ = try self.plan(try self.instalments([(1, #""750.00""#)]))
        }
    }

    @Test func aPlanNeedsAnOpenCase() throws {
        expectProcedureError("55000", mentioning: ["no open collection case", "a payment plan"], hint: "case opens the day after an invoice's due date") {
            _ = try self.plan(try self.instalments([(1, #""750.00""#)]))
        }
    }

    @Test func theInstalmentsAreValidatedOneByOne() throws {
        _ = try sql.openCase(debtor: debtor)
        let tomorrow = try sql.localDay(1), yesterday = try sql.localDay(-1)
        let cases: [(json: String?, sqlState: String, fragments: [String])] = [
            (nil, "22023", ["not a JSON array"]),
            (#"{"due_on": "\#(tomorrow)", "amount": "750.00"}"#, "22023", ["not a JSON array"]),
            ("[]", "22023", ["1 to 60 instalments, not 0"]),
            ("[" + Array(repeating: #"{"due_on": "\#(tomorrow)", "amount": "1"}"#, count: 61).joined(separator: ",") + "]",
             "22023", ["1 to 60 instalments, not 61"]),
            (#"["750.00"]"#, "22023", ["instalments[0] is not an object"]),
            (#"[{"due_on": "\#(tomorrow)", "amount": "750.00", "currency": "EUR"}]"#, "22023", ["instalments[0]", "unknown keys: currency"]),
            (#"[{"amount": "750.00"}]"#, "22023", ["instalments[0].due_on", "YYYY-MM-DD"]),
            (#"[{"due_on": "15/07/2031", "amount": "750.00"}]"#, "22023", ["instalments[0].due_on", "YYYY-MM-DD"]),
            (#"[{"due_on": "2031-02-30", "amount": "750.00"}]"#, "22023", ["instalments[0].due_on", "2031-02-30", "not a day"]),
            (#"[{"due_on": "\#(tomorrow)"}]"#, "22023", ["instalments[0].amount", "2 decimals"]),
            (#"[{"due_on": "\#(tomorrow)", "amount": "750.001"}]"#, "22023", ["instalments[0].amount"]),
            (#"[{"due_on": "\#(tomorrow)", "amount": "0.00"}, {"due_on": "2099-01-01", "amount": "750"}]"#, "22023", ["instalments[0].amount"]),
            (#"[{"due_on": "\#(tomorrow)", "amount": -1}]"#, "22023", ["instalments[0].amount"]),
            (#"[{"due_on": "\#(yesterday)", "amount": "750.00"}]"#, "22023", ["first instalment", yesterday, "before today"]),
            (#"[{"due_on": "2099-01-02", "amount": "700"}, {"due_on": "2099-01-02", "amount": "50"}]"#, "22023",
             ["instalments[1].due_on 2099-01-02", "not after", "2099-01-02"]),
        ]
        for (json, sqlState, fragments) in cases {
            expectProcedureError(sqlState, mentioning: fragments) { _ = try self.plan(json) }
        }
        #expect(try sql.count("payment_plans") == 0)
        #expect(try sql.count("plan_instalments") == 0)
    }
}

private extension String {
    /// The text in square brackets: a JSON array of the joined items.
    var wrapped: String { "[" + self + "]" }
}
