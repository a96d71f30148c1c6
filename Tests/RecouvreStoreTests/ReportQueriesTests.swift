import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import Testing

/// The reports `recouvrectl report` reads: the columns it announces, the exact figures of the
/// views, and the day they are for.
@Suite("report queries: a report's rows straight from its view")
final class ReportQueriesTests {
    let database: StoreDatabase
    let slug: TenantSlug
    let sql: PostgresConnection

    init() throws {
        database = try StoreDatabase()
        (slug, sql) = try database.tenant("acme")
    }

    @Test func theAgedBalanceSumsDebtorsPerCurrencyOnTheDayAsked() throws {
        let a = try sql.insertDebtor(ref: "CLI-A")
        let b = try sql.insertDebtor(ref: "CLI-B")
        _ = try sql.insertInvoice(debtor: a, number: "F-1", amount: "100.10", issuedOn: "2024-06-05", dueOn: "2024-07-05")
        _ = try sql.insertInvoice(debtor: a, number: "F-2", amount: "200.00", issuedOn: "2024-05-30", dueOn: "2024-06-29")
        _ = try sql.insertInvoice(debtor: b, number: "F-3", amount: "0.20", issuedOn: "2024-01-01", dueOn: "2024-01-31")
        _ = try sql.insertInvoice(debtor: b, number: "F-4", amount: "1000.00", currency: "USD", issuedOn: "2023-12-01",
                                  dueOn: "2024-01-01")
        let table = try ReportQueries(slug: slug).table(database.connection, .aging, asOf: PostgresDate("2024-06-30"))
        #expect(table.asOf.description == "2024-06-30")
        #expect(ReportKind.aging.columns.map(\.name) == ["currency", "not_yet_due", "days_1_30", "days_31_60", "days_61_90",
                                                         "over_90", "total", "debtors", "invoices"])
        // By hand, EUR: not yet due 100.10; 1–30 days 200.00; F-3 is 151 days late: over 90 0.20; two debtors, three invoices.
        #expect(table.rows == [
            ["EUR", "100.10", "200.00", "0.00", "0.00", "0.20", "300.30", "2", "3"],
            ["USD", "0.00", "0.00", "0.00", "0.00", "1000.00", "1000.00", "1", "1"],
        ])
    }

    @Test func withoutADayTheAgedBalanceIsTodaysInTheTenantsZone() throws {
        let today = try sql.value("SELECT local_today()::text", as: String.self)
        let table = try ReportQueries(slug: slug).table(database.connection, .aging)
        #expect(table.asOf.description == today)
        #expect(table.rows.isEmpty)
    }

    @Test func theMonthlyReportsReadTheirViewsInTheAnnouncedShape() throws {
        let a = try sql.insertDebtor(ref: "CLI-A")
        let today = try sql.value("SELECT local_today()::text", as: String.self)
        let invoice = try sql.value("""
            INSERT INTO invoices (debtor_id, number, issued_on, due_on, amount)
            VALUES ($1, 'F-1', $2::date - 40, $2::date - 10, 300.00) RETURNING id
            """, [a, today], as: Int64.self)
        _ = try sql.insertPayment(debtor: a, invoice: invoice, amount: "120.50")
        let queries = ReportQueries(slug: slug)
        let dso = try queries.table(database.connection, .dso)
        // A month end per month since the invoice was issued (nothing was owed before), the current last.
        let issued = try sql.value("SELECT to_char($1::date - 40, 'YYYY-MM')", [today], as: String.self)
        #expect(dso.rows.first?[0] == issued)
        #expect(dso.rows.last?[0] == String(today.prefix(7)))
        #expect(dso.rows.allSatisfy { $0.count == ReportKind.dso.columns.count && $0[1] == "EUR" })
        let funnel = try queries.table(database.connection, .funnel)
        #expect(funnel.rows.map { $0[0] } == ["reminder", "call", "formal_notice", "agency", "small_claims", "legal"])
        let collected = try queries.table(database.connection, .collected)
        // The payment, received today with nothing sent before it.
        #expect(collected.rows == [[String(today.prefix(7)), "EUR", "none", "1", "120.50"]])
    }
}
