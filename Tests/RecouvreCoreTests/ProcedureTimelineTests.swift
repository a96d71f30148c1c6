import Foundation
import Testing
import RecouvreCore

/// The default policies played forward with `CollectionPlanner.timeline`, dates computed by hand.
///
/// A case step's day is max(anchor + offset, day of the last step + difference of offsets),
/// then the first sending day of its channel at 09:00. E-mail: Mon–Fri 08:00–19:00; letter:
/// Mon–Fri 08:00–18:00; task (call window): Mon–Fri 09:00–18:00; French holidays off.
@Suite struct ProcedureTimelineTests {
    private typealias F = ProcedureFixtures

    private func timeline(_ policy: CollectionPolicy, kind: DebtorKind, invoices: [SituationInvoice], from: String,
                          until: String = "2027-01-31 00:00", calendar: ProcedureCalendar) throws -> [String] {
        let situation = DebtorSituation(debtorKind: kind, invoices: invoices)
        return CollectionPlanner.timeline(situation, policy: policy, now: try F.local(from, calendar), until: try F.local(until, calendar),
                                          calendar: calendar).map { F.describe($0, calendar) }
    }

    /// €1,200 due Friday 2026-04-03 (Easter Sunday is 04-05, Easter Monday 04-06).
    @Test func businessInvoiceDueBeforeEaster() throws {
        let paris = try F.calendar()
        let entries = try timeline(.business, kind: .business, invoices: [F.invoice(1, due: "2026-04-03")], from: "2026-03-01 12:00",
                                   calendar: paris)
        #expect(entries == [
            "2026-03-31 09:00 courtesy",             // D−3, a Tuesday
            "2026-04-04 00:00 case opened business", // the first local midnight after the due date
            "2026-04-07 09:00 reminder1",            // D+1 = Sat 04-04 → Mon 04-06 is Easter Monday → Tue 04-07
            "2026-04-14 09:00 reminder2",            // max(D+8 = Sat 04-11, 04-07 + 7 = Tue 04-14)
            "2026-04-21 09:00 call",                 // max(D+15 = Sat 04-18, 04-14 + 7 = Tue 04-21)
            "2026-05-06 09:00 formal_notice",        // max(D+30 = Sun 05-03, 04-21 + 15 = Wed 05-06)
            "2026-05-21 09:00 small_claims (approval)", // €1,200 ≤ 5,000: max(D+45 = Mon 05-18, 05-06 + 15 = Thu 05-21)
            // agency_handoff is passed over: €1,200 is below 5,000.01.
            "2026-06-22 09:00 court_file (approval)", // max(D+75 = Wed 06-17, 05-21 + 30 = Sat 06-20) → Mon 06-22
        ])
    }

    /// The same invoice for a consumer.
    @Test func consumerInvoiceDueBeforeEaster() throws {
        let paris = try F.calendar()
        let entries = try timeline(.consumer, kind: .consumer, invoices: [F.invoice(1, due: "2026-04-03")], from: "2026-03-01 12:00",
                                   calendar: paris)
        #expect(entries == [
            "2026-03-31 09:00 courtesy",
            "2026-04-04 00:00 case opened consumer",
            "2026-04-07 09:00 reminder1",            // as for a business
            "2026-04-16 09:00 reminder2",            // max(D+10 = Mon 04-13, 04-07 + 9 = Thu 04-16)
            "2026-04-27 09:00 call",                 // max(D+20 = Thu 04-23, 04-16 + 10 = Sun 04-26) → Mon 04-27
            "2026-05-12 09:00 formal_notice",        // max(D+35 = Fri 05-08, a holiday, 04-27 + 15 = Tue 05-12)
            "2026-06-08 09:00 small_claims (approval)", // max(D+60 = Tue 06-02, 05-12 + 25 = Sat 06-06) → Mon 06-08
            "2026-07-08 09:00 court_file (approval)", // max(D+90 = Thu 07-02, 06-08 + 30 = Wed 07-08)
        ])
    }

    /// €8,000 due Wednesday 2026-01-14: no holiday in the way, and above the small-claims ceiling.
    @Test func businessInvoiceAboveTheSmallClaimsCeilingGoesToAnAgency() throws {
        let paris = try F.calendar()
        let entries = try timeline(.business, kind: .business, invoices: [F.invoice(1, due: "2026-01-14", outstanding: "8000.00")],
                                   from: "2026-01-01 12:00", calendar: paris)
        #expect(entries == [
            "2026-01-12 09:00 courtesy",             // D−3 = Sun 01-11 → Mon 01-12, still before the due date
            "2026-01-15 00:00 case opened business",
            "2026-01-15 09:00 reminder1",            // D+1, Thursday
            "2026-01-22 09:00 reminder2",            // D+8 = 01-15 + 7
            "2026-01-29 09:00 call",                 // D+15
            "2026-02-13 09:00 formal_notice",        // D+30, Friday
            // small_claims is passed over: €8,000 is above 5,000.
            "2026-03-02 09:00 agency_handoff (approval)", // D+45 = Sat 02-28 → Mon 03-02
            "2026-04-01 09:00 court_file (approval)", // max(D+75 = Mon 03-30, 03-02 + 30 = Wed 04-01)
        ])
    }

    /// At exactly €5,000.00 small claims applies; at €5,000.01 the agency does.
    @Test func conditionsChooseBetweenSmallClaimsAndAgencyByAmount() throws {
        let paris = try F.calendar()
        let atCeiling = try timeline(.business, kind: .business, invoices: [F.invoice(1, due: "2026-01-14", outstanding: "5000.00")],
                                     from: "2026-01-20 12:00", calendar: paris)
        let above = try timeline(.business, kind: .business, invoices: [F.invoice(1, due: "2026-01-14", outstanding: "5000.01")],
                                 from: "2026-01-20 12:00", calendar: paris)
        #expect(atCeiling.contains { $0.hasSuffix("small_claims (approval)") } && !atCeiling.contains { $0.contains("agency") })
        #expect(above.contains { $0.hasSuffix("agency_handoff (approval)") } && !above.contains { $0.contains("small_claims") })
    }

    /// The timeline carries the collectible principal per currency at each moment.
    @Test func entriesCarryTheCollectiblePrincipal() throws {
        let paris = try F.calendar()
        let situation = DebtorSituation(debtorKind: .business, invoices: [
            try F.invoice(1, due: "2026-01-14", outstanding: "100.00"),
            try F.invoice(2, due: "2026-01-20", outstanding: "50.00", currency: "USD"),
            try F.invoice(3, due: "2026-01-10", outstanding: "30.00", disputed: true),
        ])
        let entries = CollectionPlanner.timeline(situation, policy: .business, now: try F.local("2026-01-16 12:00", paris),
                                                 until: try F.local("2026-02-28 00:00", paris), calendar: paris)
        let opened = try #require(entries.first)
        #expect(F.describe(opened, paris) == "2026-01-16 12:00 case opened business")
        #expect(opened.collectible == [try F.money("100.00")])
        let reminder2 = try #require(entries.first { F.describe($0, paris).hasSuffix("reminder2") })
        // By 01-22 the dollar invoice is overdue too; the disputed one never counts.
        #expect(reminder2.collectible == [try F.money("100.00"), try F.money("50.00", "USD")])
    }

    /// A promise made after reminder1 and broken: collection resumes with reminder2 at once and
    /// keeps the policy's 7 days before the call.
    @Test func aStepAfterABrokenPromiseKeepsThePolicyInterval() throws {
        let paris = try F.calendar()
        let situation = DebtorSituation(
            debtorKind: .business, invoices: [try F.invoice(1, due: "2026-01-14")],
            openCase: OpenCase(id: 5, policyName: "business", position: 2, lastStepAt: try F.local("2026-01-15 09:00", paris),
                               stage: .reminder, openedAt: try F.local("2026-01-15 00:00", paris)),
            promise: OpenPromise(id: 1, amount: try F.money("1200.00"), promisedOn: try F.day("2026-01-30"), graceDays: 3,
                                 paidSince: .zero()))
        let entries = CollectionPlanner.timeline(situation, policy: .business, now: try F.local("2026-01-16 10:00", paris),
                                                 until: try F.local("2026-02-28 00:00", paris), calendar: paris)
            .map { F.describe($0, paris) }
        #expect(Array(entries.prefix(4)) == [
            "2026-02-03 00:00 promise broken",   // 01-30 + 3 days of grace = 02-02 was the last day
            "2026-02-03 08:00 reminder2",        // D+8 is long past: the e-mail window's next moment
            "2026-02-10 09:00 call",             // max(D+15 = 01-29, 02-03 + 7 = Tue 02-10)
            "2026-02-25 09:00 formal_notice",    // 02-10 + 15
        ])
    }

    /// A plan's reminders, then the plan broken at the second instalment, then the case resumes.
    @Test func planRemindersThenBreaking() throws {
        let paris = try F.calendar()
        let plan = ActivePlan(id: 7, instalments: [
            PlanInstalment(number: 1, dueOn: try F.day("2026-02-16"), amount: try F.money("500.00")),
            PlanInstalment(number: 2, dueOn: try F.day("2026-03-16"), amount: try F.money("700.00")),
        ], graceDays: 3, paidSince: try F.money("500.00"))
        let situation = DebtorSituation(
            debtorKind: .business, invoices: [try F.invoice(1, due: "2026-01-14", outstanding: "700.00", amount: "1200.00")],
            openCase: OpenCase(id: 5, policyName: "business", position: 3, lastStepAt: try F.local("2026-01-22 09:00", paris),
                               stage: .reminder, openedAt: try F.local("2026-01-15 00:00", paris)),
            plan: plan)
        let entries = CollectionPlanner.timeline(situation, policy: .business, now: try F.local("2026-02-20 10:00", paris),
                                                 until: try F.local("2026-04-10 00:00", paris), calendar: paris)
            .map { F.describe($0, paris) }
        #expect(entries == [
            "2026-03-13 09:00 instalment_before",  // instalment 1 is paid; 2 is due Mon 03-16, 3 days before = Fri 03-13
            "2026-03-17 09:00 instalment_after",   // the day after
            "2026-03-20 00:00 plan broken at instalment 2", // 03-16 + 3 days of grace = 03-19 was the last day
            "2026-03-20 09:00 call",               // D+15 and 01-22 + 7 are past: the call window opens at 09:00
            "2026-04-07 09:00 formal_notice",      // 03-20 + 15 = Sat 04-04 → Mon 04-06 is Easter Monday → Tue 04-07
        ])
    }
}
