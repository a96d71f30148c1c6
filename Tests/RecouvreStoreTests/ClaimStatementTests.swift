import Foundation
import Postgres
import RecouvreCore
import RecouvreStore
import Testing

/// `claim_statement(debtor_id, as_of)` and `recouvre.legal_rates`: the SQL side of the legal
/// engine states exactly what `LegalEngine.claim` computes.
@Suite("claim_statement: the legal engine in SQL")
final class ClaimStatementTests {
    let database: StoreDatabase
    let sql: PostgresConnection

    init() throws {
        database = try StoreDatabase()
        sql = try database.tenant("acme").sql
    }

    // MARK: - The shipped rates

    @Test func shippedRatesAreThePublishedTable() throws {
        var entries: [HalfYear: LegalRates] = [:]
        let rows = try database.connection.query("""
            SELECT extract(year FROM half_year_start)::int AS year, extract(month FROM half_year_start)::int AS month,
                   ecb_rate, legal_rate_consumer_creditor, legal_rate_other_cases
            FROM recouvre.legal_rates
            """)
        for row in rows.rows {
            let month = try row.decode(Int.self, "month")
            let halfYear = try #require(HalfYear.validated(year: try row.decode(Int.self, "year"), half: month == 1 ? 1 : 2))
            entries[halfYear] = LegalRates(ecbRate: try row.decode(Decimal.self, "ecb_rate"),
                                           legalRateConsumerCreditor: try row.decode(Decimal.self, "legal_rate_consumer_creditor"),
                                           legalRateOtherCases: try row.decode(Decimal.self, "legal_rate_other_cases"))
        }
        #expect(rows.rows.count == LegalRateTable.published.entries.count)
        #expect(LegalRateTable(entries: entries) == LegalRateTable.published)
    }

    @Test func aRateRowMustStartAHalfYear() throws {
        let refused = #expect(throws: PostgresError.self) {
            try database.connection.query("""
                INSERT INTO recouvre.legal_rates (half_year_start, ecb_rate, legal_rate_consumer_creditor, legal_rate_other_cases, source)
                VALUES ('2026-07-02', 2, 6, 2, 'test')
                """)
        }
        #expect(refused?.sqlState == "23514")
    }

    // MARK: - Hand-computed cases (docs/procedure.md, "Worked examples")

    @Test func unpaidAcrossAHalfYearBoundary() throws {
        // 1000 × 13.15 % × 10 / 365 + 1000 × 12.15 % × 10 / 365 = 3.60274 + 3.32877 = 6.93151 → 6.93.
        let debtor = try insertDebtor("B1", kind: .business)
        let invoice = try insertInvoice(debtor: debtor, number: "F-1", amount: "1000.00", dueOn: "2025-06-20")
        let line = try #require(try statement(debtor, asOf: "2025-07-10").first)
        #expect(line.invoiceId == invoice)
        #expect(line.principal == dec("1000.00"))
        #expect(line.daysLate == 20)
        #expect(line.penalty == dec("6.93"))
        #expect(line.indemnity == dec("40.00"))
        #expect(line.total == dec("1046.93"))
        #expect(line.prescriptionEndsOn == "2030-06-20")
        #expect(!line.carriedForward)
        #expect(line.periods.map(\.halfYear) == ["H1 2025", "H2 2025"])
        #expect(line.periods.map(\.rate) == [dec("13.15"), dec("12.15")])
        #expect(line.periods.map(\.interest) == [dec("3.60274"), dec("3.32877")])
    }

    @Test func unpaidAcrossTheFirstRiseOfTheEcbRate() throws {
        // 1000 × 10.00 % × 10 / 365 + 1000 × 12.50 % × 10 / 365 = 2.73973 + 3.42466 = 6.16438 → 6.16:
        // H2 2022 at ECB 0.00 + 10, H1 2023 at ECB 2.50 + 10.
        let debtor = try insertDebtor("B1", kind: .business)
        _ = try insertInvoice(debtor: debtor, number: "F-1", amount: "1000.00", dueOn: "2022-12-21")
        let line = try #require(try statement(debtor, asOf: "2023-01-10").first)
        #expect(line.daysLate == 20)
        #expect(line.penalty == dec("6.16"))
        #expect(line.indemnity == dec("40.00"))
        #expect(line.total == dec("1046.16"))
        #expect(line.prescriptionEndsOn == "2027-12-21")
        #expect(!line.carriedForward)
        #expect(line.periods.map(\.halfYear) == ["H2 2022", "H1 2023"])
        #expect(line.periods.map(\.rate) == [dec("10.00"), dec("12.50")])
        #expect(line.periods.map(\.interest) == [dec("2.73973"), dec("3.42466")])
    }

    @Test func partialPaymentLowersTheBalanceFromTheNextDay() throws {
        // 3.60274 + 1000 × 12.15 % × 3 / 365 + 600 × 12.15 % × 7 / 365 = 5.99945 → 6.00; a
        // payment acknowledges the debt, so prescription restarts from 3 July.
        let debtor = try insertDebtor("B1", kind: .business)
        let invoice = try insertInvoice(debtor: debtor, number: "F-1", amount: "1000.00", dueOn: "2025-06-20")
        try insertPayment(debtor: debtor, invoice: invoice, amount: "400.00", on: "2025-07-03")
        let line = try #require(try statement(debtor, asOf: "2025-07-10").first)
        #expect(line.principal == dec("600.00"))
        #expect(line.penalty == dec("6.00"))
        #expect(line.total == dec("646.00"))
        #expect(line.prescriptionEndsOn == "2030-07-03")
        #expect(line.periods.map(\.balance) == [dec("1000.00"), dec("1000.00"), dec("600.00")])
        #expect(line.periods.map(\.days) == [10, 3, 7])
    }

    @Test func unallocatedPaymentOnAFullyPaidInvoiceLeavesThePenaltyAndIndemnity() throws {
        // Paid in full on 30 June: 10 days at 13.15 % = 3.60274 → 3.60, plus €40.
        let debtor = try insertDebtor("B1", kind: .business)
        _ = try insertInvoice(debtor: debtor, number: "F-1", amount: "1000.00", dueOn: "2025-06-20")
        try insertPayment(debtor: debtor, invoice: nil, amount: "1000.00", on: "2025-06-30")
        let line = try #require(try statement(debtor, asOf: "2025-07-10").first)
        #expect(line.principal == 0)
        #expect(line.daysLate == 10)
        #expect(line.total == dec("43.60"))
    }

    @Test func paidOnTimeIsNotListed() throws {
        let debtor = try insertDebtor("B1", kind: .business)
        let invoice = try insertInvoice(debtor: debtor, number: "F-1", amount: "1000.00", dueOn: "2025-06-20")
        try insertPayment(debtor: debtor, invoice: invoice, amount: "1000.00", on: "2025-06-20")
        #expect(try statement(debtor, asOf: "2025-07-10").isEmpty)
    }

    @Test func contractualRateBelowTheFloorIsRaisedToIt() throws {
        // 2000 × 15.21 % × 91 / 365 + 2000 × 14.76 % × 10 / 365 = 75.84164 + 8.08767 = 83.92932 → 83.93.
        let debtor = try insertDebtor("B1", kind: .business)
        _ = try insertInvoice(debtor: debtor, number: "F-1", amount: "2000.00", dueOn: "2024-03-31", lateRate: "5")
        let line = try #require(try statement(debtor, asOf: "2024-07-10").first)
        #expect(line.penalty == dec("83.93"))
        #expect(line.total == dec("2123.93"))
        #expect(line.periods.map(\.source) == ["contractualFloor", "contractualFloor"])
        #expect(line.periods.map(\.rate) == [dec("15.21"), dec("14.76")])
    }

    @Test func contractualRateAboveTheFloorApplies() throws {
        // 1000 × 20 % × 20 / 365 = 10.95890 → 10.96.
        let debtor = try insertDebtor("B1", kind: .business)
        _ = try insertInvoice(debtor: debtor, number: "F-1", amount: "1000.00", dueOn: "2025-06-20", lateRate: "20")
        let line = try #require(try statement(debtor, asOf: "2025-07-10").first)
        #expect(line.penalty == dec("10.96"))
        #expect(line.total == dec("1050.96"))
    }

    @Test func aLatePenaltyRateOutsideItsRangeIsRefused() throws {
        let debtor = try insertDebtor("B1", kind: .business)
        let refused = #expect(throws: PostgresError.self) {
            _ = try insertInvoice(debtor: debtor, number: "F-1", amount: "10.00", dueOn: "2025-06-20", lateRate: "0")
        }
        #expect(refused?.constraint == "invoice_late_penalty_rate_above_0_below_100")
    }

    @Test func consumerWithoutFormalNoticeOwesNoInterest() throws {
        let debtor = try insertDebtor("C1", kind: .consumer)
        _ = try insertInvoice(debtor: debtor, number: "F-1", amount: "1000.00", dueOn: "2025-06-20")
        let line = try #require(try statement(debtor, asOf: "2025-07-31").first)
        #expect(line.penalty == 0)
        #expect(line.indemnity == 0)
        #expect(line.total == dec("1000.00"))
        #expect(line.periods.isEmpty)
        #expect(line.prescriptionEndsOn == "2027-06-20")
    }

    @Test func consumerOwesLegalInterestFromTheDayAfterTheEarliestFormalNotice() throws {
        // From 2 to 31 July, 30 days at 2.76 %: 1000 × 2.76 % × 30 / 365 = 2.26849 → 2.27.
        let debtor = try insertDebtor("C1", kind: .consumer)
        _ = try insertInvoice(debtor: debtor, number: "F-1", amount: "1000.00", dueOn: "2025-06-20")
        // 00:30 in Paris on 1 July is still 30 June in UTC: the day is the tenant's (Europe/Paris).
        try insertEvent(debtor: debtor, kind: "formal_notice_sent", at: "2025-07-01 00:30:00+02")
        try insertEvent(debtor: debtor, kind: "formal_notice_sent", at: "2025-07-15 10:00:00+02")
        try insertEvent(debtor: debtor, kind: "promise_made", at: "2025-07-20 10:00:00+02")
        let line = try #require(try statement(debtor, asOf: "2025-07-31").first)
        #expect(line.penalty == dec("2.27"))
        #expect(line.indemnity == 0)
        #expect(line.total == dec("1002.27"))
        #expect(line.periods.map(\.source) == ["legalRate"])
        #expect(line.prescriptionEndsOn == "2027-07-20")
    }

    @Test func aMissingHalfYearIsCarriedForwardAndFlagged() throws {
        // 1000 × 12.15 % × 10 / 365 = 3.32877 → 3.33, H2 2026 at H1 2026's rate.
        let debtor = try insertDebtor("B1", kind: .business)
        _ = try insertInvoice(debtor: debtor, number: "F-1", amount: "1000.00", dueOn: "2026-06-25")
        let line = try #require(try statement(debtor, asOf: "2026-07-05").first)
        #expect(line.penalty == dec("3.33"))
        #expect(line.carriedForward)
        #expect(line.periods.map(\.carriedForward) == [false, true])

        // Once ops add H2 2026 (ECB 2.00): 1.66438 + 1.64384 = 3.30822 → 3.31.
        try database.connection.query("""
            INSERT INTO recouvre.legal_rates (half_year_start, ecb_rate, legal_rate_consumer_creditor, legal_rate_other_cases, source)
            VALUES ('2026-07-01', 2.00, 6.50, 2.50, 'test')
            """)
        let added = try #require(try statement(debtor, asOf: "2026-07-05").first)
        #expect(added.penalty == dec("3.31"))
        #expect(!added.carriedForward)
    }

    @Test func aHalfYearWithNothingToCarryForwardStopsWithAClearError() throws {
        let debtor = try insertDebtor("B1", kind: .business)
        // The shipped rates start with H1 2015.
        _ = try insertInvoice(debtor: debtor, number: "F-1", amount: "100.00", dueOn: "2014-06-20")
        let refused = #expect(throws: PostgresError.self) { _ = try self.statement(debtor, asOf: "2015-01-10") }
        #expect(refused.map { "\($0)" }?.contains("no legal rates for the half-year starting 2014-01-01") == true)
    }

    @Test func leapDayPrescriptionEndsOn28February() throws {
        let debtor = try insertDebtor("C1", kind: .consumer)
        _ = try insertInvoice(debtor: debtor, number: "F-1", amount: "100.00", dueOn: "2024-02-29")
        #expect(try statement(debtor, asOf: "2024-03-10").first?.prescriptionEndsOn == "2026-02-28")
    }

    @Test func aRoleThatReadsTheTenantTablesNeedsNoRightOnTheOperatorSchema() throws {
        let debtor = try insertDebtor("B1", kind: .business)
        _ = try insertInvoice(debtor: debtor, number: "F-1", amount: "1000.00", dueOn: "2025-06-20")
        let role = "reader_\(UUID().uuidString.prefix(8).lowercased())"
        try database.connection.execute("""
            CREATE ROLE \(role) LOGIN;
            GRANT USAGE ON SCHEMA tenant_acme TO \(role);
            GRANT SELECT ON tenant_acme.debtors, tenant_acme.invoices, tenant_acme.payments, tenant_acme.reductions, tenant_acme.events TO \(role);
            """)
        defer { try? database.connection.execute("DROP OWNED BY \(role); DROP ROLE \(role)") }
        let reader = try PostgresConnection(conninfo: database.conninfo + " user=\(role)")
        defer { reader.close() }
        let total = try reader.value("SELECT total FROM tenant_acme.claim_statement($1, '2025-07-10')", [debtor], as: Decimal.self)
        #expect(total == dec("1046.93"))
        let refused = #expect(throws: PostgresError.self) { try reader.query("SELECT * FROM recouvre.legal_rates") }
        #expect(refused?.sqlState == "42501")
    }

    // MARK: - Cross-check against LegalEngine.claim

    @Test func agreesWithTheSwiftEngineOnSeededRandomLedgers() throws {
        var random = SplitMix64(seed: 0x5EED_C1A1)
        // Reductions come from a generator of their own, so that the rest of each scenario stays as it was.
        var reductionRandom = SplitMix64(seed: 0x5EED_4ED0)
        var checkedLines = 0
        var sawCarried = false, sawConsumerInterest = false, sawFloor = false, sawReduction = false
        for index in 0..<40 {
            let scenario = try ClaimScenario.generate(index: index, using: &random, reductionsUsing: &reductionRandom)
            let debtor = try insertDebtor("R\(index)", kind: scenario.kind)
            for event in scenario.events {
                try insertEvent(debtor: debtor, kind: event.kind, at: "\(event.day) 12:00:00+00")
            }
            var ledgers: [(ledger: InvoiceLedger, rate: Decimal?)] = []
            for invoice in scenario.invoices {
                let id = try insertInvoice(debtor: debtor, number: "R\(index)-\(invoice.number)", amount: "\(invoice.amount)",
                                           currency: invoice.currency, dueOn: "\(invoice.dueOn)", lateRate: invoice.lateRate.map { "\($0)" })
                // Before the payments: a reduction is refused above the outstanding when it is recorded.
                for reduction in invoice.reductions {
                    try sql.query("INSERT INTO reductions (invoice_id, amount, reason, granted_on) VALUES ($1, $2::numeric, 'test', $3::date)",
                                  [id, "\(reduction.amount)", "\(reduction.day)"])
                }
                for payment in invoice.payments {
                    try insertPayment(debtor: debtor, invoice: scenario.pooled ? nil : id, amount: "\(payment.amount)",
                                      currency: invoice.currency, on: "\(payment.day)")
                }
                // The view's allocation: named payments are the invoice's; a debtor's pooled payments
                // all go to its single invoice, in date order, until what the reductions granted by
                // as_of leave of it is paid (the last one in part).
                let reducedByThen = invoice.reductions.filter { $0.day <= scenario.asOf }.reduce(Decimal(0)) { $0 + $1.amount }
                var allocated: [LedgerPayment] = []
                var pooledSoFar = Decimal(0)
                for payment in invoice.payments.sorted(by: { $0.day < $1.day }) where payment.day <= scenario.asOf {
                    var amount = payment.amount
                    if scenario.pooled {
                        guard pooledSoFar < invoice.amount - reducedByThen else { continue }
                        amount = min(amount, invoice.amount - reducedByThen - pooledSoFar)
                        pooledSoFar += amount
                    }
                    allocated.append(LedgerPayment(receivedOn: payment.day, amount: Money(amount: amount, currency: invoice.currency)))
                }
                let reductions = invoice.reductions.map {
                    LedgerReduction(grantedOn: $0.day, amount: Money(amount: $0.amount, currency: invoice.currency))
                }
                let ledger = try InvoiceLedger(invoiceId: id, number: "R\(index)-\(invoice.number)", dueOn: invoice.dueOn,
                                               amount: Money(amount: invoice.amount, currency: invoice.currency),
                                               payments: allocated,
                                               reductions: reductions,
                                               acknowledgments: scenario.events.filter { $0.kind != "formal_notice_sent" }.map(\.day))
                ledgers.append((ledger, invoice.lateRate))
            }
            let notice = scenario.events.filter { $0.kind == "formal_notice_sent" }.map(\.day).min()
            let rows = try statement(debtor, asOf: "\(scenario.asOf)")
            var expectedIds: [Int64] = []
            for (ledger, rate) in ledgers {
                let terms = ClaimTerms(debtorKind: scenario.kind, contractualRate: rate, formalNoticeOn: notice, missingRates: .carryForward)
                let line = try LegalEngine.claim(ledger, terms: terms, asOf: scenario.asOf, rates: .published)
                let owes = line.principalOutstanding.isPositive || line.penalty.isPositive || line.indemnity.isPositive
                guard ledger.dueOn <= scenario.asOf, owes else { continue }
                expectedIds.append(ledger.invoiceId)
                let context = "debtor R\(index) (\(scenario.kind)) invoice \(ledger.number) as of \(scenario.asOf)"
                guard let row = rows.first(where: { $0.invoiceId == ledger.invoiceId }) else {
                    Issue.record("\(context): missing from claim_statement")
                    continue
                }
                expect(row, equals: line, context)
                checkedLines += 1
                sawCarried = sawCarried || line.usesCarriedForwardRates
                sawConsumerInterest = sawConsumerInterest || (scenario.kind == .consumer && line.penalty.isPositive)
                sawFloor = sawFloor || line.periods.contains { $0.source == .contractualFloor }
                sawReduction = sawReduction || ledger.reductions.contains { $0.grantedOn <= scenario.asOf }
            }
            #expect(Set(rows.map(\.invoiceId)) == Set(expectedIds), "debtor R\(index): listed invoices")
        }
        // The generator must reach the cases it is there for.
        #expect(checkedLines >= 40)
        #expect(sawCarried)
        #expect(sawConsumerInterest)
        #expect(sawFloor)
        #expect(sawReduction)
    }

    private func expect(_ row: ClaimRow, equals line: ClaimLine, _ context: String) {
        #expect(row.number == line.number, "\(context)")
        #expect(row.currency == line.principalOutstanding.currency, "\(context)")
        #expect(row.dueOn == line.dueOn.description, "\(context)")
        #expect(row.principal == line.principalOutstanding.amount, "\(context): principal")
        #expect(row.daysLate == line.daysLate, "\(context): days late")
        #expect(row.penalty == line.penalty.amount, "\(context): penalty")
        #expect(row.indemnity == line.indemnity.amount, "\(context): indemnity")
        #expect(row.total == line.total.amount, "\(context): total")
        #expect(row.prescriptionEndsOn == line.prescriptionEndsOn.description, "\(context): prescription")
        #expect(row.carriedForward == line.usesCarriedForwardRates, "\(context): carried forward")
        #expect(row.periods.count == line.periods.count, "\(context): periods \(row.periods) vs \(line.periods)")
        for (mine, theirs) in zip(row.periods, line.periods) {
            #expect(mine.from == theirs.from.description && mine.to == theirs.to.description, "\(context): period bounds")
            #expect(mine.halfYear == theirs.halfYear.description, "\(context): half-year")
            #expect(mine.rate == theirs.annualRate && mine.source == theirs.source.rawValue, "\(context): rate")
            #expect(mine.balance == theirs.balance.amount && mine.days == theirs.days, "\(context): balance and days")
            #expect(mine.carriedForward == theirs.carriedForward, "\(context): period carried forward")
            // SQL shows each period's interest to 5 decimals; the penalty rounds the exact sum.
            let gap = mine.interest - theirs.interest
            #expect(gap <= Decimal(string: "0.000005")! && gap >= Decimal(string: "-0.000005")!, "\(context): interest")
        }
    }

    // MARK: - Helpers

    private func dec(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan
    }

    private func insertDebtor(_ ref: String, kind: DebtorKind) throws -> Int64 {
        try sql.value("INSERT INTO debtors (external_ref, name, kind) VALUES ($1, 'Debtor', $2) RETURNING id", [ref, kind.rawValue])
    }

    private func insertInvoice(debtor: Int64, number: String, amount: String, currency: String = "EUR",
                               dueOn: String, lateRate: String? = nil) throws -> Int64 {
        try sql.value("""
            INSERT INTO invoices (debtor_id, number, issued_on, due_on, currency, amount, late_penalty_rate)
            VALUES ($1, $2, $3::date - 30, $3::date, $4, $5::numeric, $6::numeric) RETURNING id
            """, [debtor, number, dueOn, currency, amount, lateRate])
    }

    private func insertPayment(debtor: Int64, invoice: Int64?, amount: String, currency: String = "EUR", on day: String) throws {
        try sql.query("""
            INSERT INTO payments (debtor_id, invoice_id, amount, currency, received_on) VALUES ($1, $2, $3::numeric, $4, $5::date)
            """, [debtor, invoice, amount, currency, day])
    }

    private func insertEvent(debtor: Int64, kind: String, at moment: String) throws {
        try sql.query("INSERT INTO events (kind, debtor_id, occurred_at) VALUES ($1, $2, $3::timestamptz)", [kind, debtor, moment])
    }

    private func statement(_ debtor: Int64, asOf: String) throws -> [ClaimRow] {
        let lines = try sql.query("""
            SELECT invoice_id, number, currency, due_on::text AS due_on, principal_outstanding, days_late, penalty,
                   indemnity, total, prescription_ends_on::text AS prescription_ends_on, rates_carried_forward
            FROM claim_statement($1, $2::date)
            """, [debtor, asOf])
        let periods = try sql.query("""
            SELECT c.invoice_id, p."from"::text AS from_day, p."to"::text AS to_day, p.half_year, p.rate, p.source,
                   p.balance, p.days, p.interest, p.carried_forward
            FROM claim_statement($1, $2::date) c
            CROSS JOIN LATERAL jsonb_to_recordset(c.rates_applied)
                AS p("from" date, "to" date, half_year text, rate numeric, source text, balance numeric, days integer,
                     interest numeric, carried_forward boolean)
            ORDER BY c.invoice_id, p."from"
            """, [debtor, asOf])
        var byInvoice: [Int64: [ClaimRow.Period]] = [:]
        for row in periods.rows {
            byInvoice[try row.decode(Int64.self, "invoice_id"), default: []].append(ClaimRow.Period(
                from: try row.decode(String.self, "from_day"), to: try row.decode(String.self, "to_day"),
                halfYear: try row.decode(String.self, "half_year"), rate: try row.decode(Decimal.self, "rate"),
                source: try row.decode(String.self, "source"), balance: try row.decode(Decimal.self, "balance"),
                days: try row.decode(Int.self, "days"), interest: try row.decode(Decimal.self, "interest"),
                carriedForward: try row.decode(Bool.self, "carried_forward")))
        }
        return try lines.rows.map { row in
            let id = try row.decode(Int64.self, "invoice_id")
            return ClaimRow(
                invoiceId: id, number: try row.decode(String.self, "number"), currency: try row.decode(String.self, "currency"),
                dueOn: try row.decode(String.self, "due_on"), principal: try row.decode(Decimal.self, "principal_outstanding"),
                daysLate: try row.decode(Int.self, "days_late"), penalty: try row.decode(Decimal.self, "penalty"),
                indemnity: try row.decode(Decimal.self, "indemnity"), total: try row.decode(Decimal.self, "total"),
                prescriptionEndsOn: try row.decode(String.self, "prescription_ends_on"),
                carriedForward: try row.decode(Bool.self, "rates_carried_forward"), periods: byInvoice[id] ?? [])
        }
    }
}

/// One row of `claim_statement`, with its `rates_applied` periods.
private struct ClaimRow {
    struct Period {
        let from, to, halfYear: String
        let rate: Decimal
        let source: String
        let balance: Decimal
        let days: Int
        let interest: Decimal
        let carriedForward: Bool
    }

    let invoiceId: Int64
    let number, currency, dueOn: String
    let principal: Decimal
    let daysLate: Int
    let penalty, indemnity, total: Decimal
    let prescriptionEndsOn: String
    let carriedForward: Bool
    let periods: [Period]
}

/// A debtor with invoices, payments and journal events drawn from a seeded generator, and the
/// day its claim is computed for.
private struct ClaimScenario {
    struct Payment {
        let day: CalendarDay
        let amount: Decimal
    }

    struct Invoice {
        let number: Int
        let amount: Decimal
        let currency: String
        let dueOn: CalendarDay
        let lateRate: Decimal?
        let payments: [Payment]
        /// Reductions granted on the invoice, never more in all than its amount.
        let reductions: [Payment]
    }

    let kind: DebtorKind
    /// Whether the payments name no invoice: then the debtor has exactly one invoice, so that the
    /// allocation is unambiguous.
    let pooled: Bool
    let invoices: [Invoice]
    let events: [(kind: String, day: CalendarDay)]
    let asOf: CalendarDay

    static func generate(index: Int, using random: inout SplitMix64, reductionsUsing other: inout SplitMix64) throws -> ClaimScenario {
        let start = CalendarDay(year: 2024, month: 1, day: 1)
        let kind: DebtorKind = random.below(4) == 0 ? .consumer : .business
        let pooled = random.below(5) == 0
        let asOf = start.adding(days: 15 + random.below(1080))
        var invoices: [Invoice] = []
        for number in 0..<(pooled ? 1 : 1 + random.below(3)) {
            let dueOn = start.adding(days: random.below(900))
            let cents = 1_000 + random.below(500_000)
            let amount = Decimal(cents) / 100
            var payments: [Payment] = []
            for _ in 0..<random.below(4) {
                // Sometimes a large payment that settles the invoice, sometimes more than owed.
                let part = random.below(3) == 0 ? cents * (80 + random.below(40)) / 100 : 1 + random.below(cents / 3)
                payments.append(Payment(day: dueOn.adding(days: random.below(420) - 20), amount: Decimal(part) / 100))
            }
            let lateRate: Decimal? = random.below(4) == 0 ? Decimal(1_000 + random.below(24_000)) / 1_000 : nil
            var reductions: [Payment] = []
            var left = cents
            for _ in 0..<(other.below(3) == 0 ? 1 + other.below(2) : 0) where left > 1 {
                // Sometimes all that is left (a write-off), usually a part.
                let part = other.below(4) == 0 ? left : 1 + other.below(left / 2)
                left -= part
                reductions.append(Payment(day: dueOn.adding(days: other.below(400) - 30), amount: Decimal(part) / 100))
            }
            invoices.append(Invoice(number: number, amount: amount, currency: random.below(10) == 0 ? "USD" : "EUR",
                                    dueOn: dueOn, lateRate: lateRate, payments: payments, reductions: reductions))
        }
        var events: [(kind: String, day: CalendarDay)] = []
        let firstDue = invoices.map(\.dueOn).min() ?? start
        for _ in 0..<random.below(3) {
            events.append(("formal_notice_sent", firstDue.adding(days: random.below(300) - 10)))
        }
        for _ in 0..<random.below(3) {
            events.append((random.below(2) == 0 ? "promise_made" : "plan_created", firstDue.adding(days: random.below(1000))))
        }
        return ClaimScenario(kind: kind, pooled: pooled, invoices: invoices, events: events, asOf: asOf)
    }
}

/// A small seeded generator (SplitMix64), so that a failure reproduces.
private struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}
