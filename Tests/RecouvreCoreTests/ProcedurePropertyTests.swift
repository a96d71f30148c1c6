import Foundation
import Testing
import RecouvreCore

/// Properties of the planner over generated situations; the generator is seeded, so runs repeat.
@Suite struct ProcedurePropertyTests {
    private static let seeds: [UInt64] = [3, 11, 97, 2026, 0xDEB7]
    private static let situationsPerSeed = 600
    private static let timelinesPerSeed = 100

    private static let calendars: [ProcedureCalendar] = ["Europe/Paris", "America/Montreal", "Pacific/Auckland", "Asia/Tokyo"]
        .flatMap { zone in [false, true].map { ProcedureCalendar(timeZone: TimeZone(identifier: zone)!, holidays: FrenchHolidays(alsaceMoselle: $0)) } }

    private struct Scenario {
        let situation: DebtorSituation
        let policy: CollectionPolicy
        let now: Date
        let calendar: ProcedureCalendar
    }

    private static func chance(_ percent: Int, _ random: inout LegalSeededGenerator) -> Bool {
        Int.random(in: 0..<100, using: &random) < percent
    }

    /// Amounts drawn once, by cents: building a `Decimal` is the slowest part of generating a case.
    private static let amounts: [String: [(cents: Int64, money: Money)]] = {
        var random = LegalSeededGenerator(seed: 5)
        return Dictionary(uniqueKeysWithValues: ["EUR", "USD"].map { currency in
            let cents = (0..<400).map { _ in Int64.random(in: 1...1_500_000, using: &random) }.sorted()
            return (currency, cents.map { ($0, Money(minorUnits: $0, currency: currency)) })
        })
    }()

    /// An amount of at most `maxCents`, from the pool.
    private static func money(_ maxCents: Int64, _ random: inout LegalSeededGenerator, currency: String = "EUR") -> Money {
        let pool = amounts[currency]!
        let fitting = pool.firstIndex { $0.cents > maxCents } ?? pool.count
        return fitting == 0 ? pool[0].money : pool[Int.random(in: 0..<fitting, using: &random)].money
    }

    /// A debtor with 0–4 invoices around `now`, perhaps a case at some position, a promise, a plan,
    /// disputes and courtesy steps already done. `allOverdue` keeps every invoice past due.
    private static func scenario(_ random: inout LegalSeededGenerator, allOverdue: Bool = false) -> Scenario {
        let calendar = calendars.randomElement(using: &random)!
        let policy: CollectionPolicy = Bool.random(using: &random) ? .business : .consumer
        let now = Date(timeIntervalSince1970: 1_767_225_600 + Double(Int.random(in: 0..<(2 * 365 * 86_400), using: &random)))
        let today = calendar.localDay(of: now)
        var invoices: [SituationInvoice] = []
        for id in 1...Int64.random(in: 1...5, using: &random) where id == 1 || chance(70, &random) {
            let due = today.adding(days: allOverdue ? Int.random(in: -150 ... -1, using: &random) : Int.random(in: -150...40, using: &random))
            let currency = chance(10, &random) ? "USD" : "EUR"
            let amountCents = Int64.random(in: 1...1_500_000, using: &random)
            let amount = money(amountCents, &random, currency: currency)
            let outstanding = chance(15, &random) ? Money.zero(currency) : money(amountCents, &random, currency: currency)
            invoices.append(SituationInvoice(invoiceId: id, number: "F-\(id)", issuedOn: due.adding(days: -30), dueOn: due, amount: amount,
                                             outstanding: outstanding, disputed: chance(15, &random)))
        }
        var situation = DebtorSituation(debtorKind: policy.debtorKind!, invoices: invoices, debtorDisputed: chance(10, &random))
        if chance(80, &random) {
            let position = Int.random(in: 0...policy.steps.count, using: &random)
            let lastStepAt = position > 0 ? now.addingTimeInterval(-Double(Int.random(in: 0...(60 * 86_400), using: &random))) : nil
            situation.openCase = OpenCase(id: 1, policyName: policy.name, position: position, lastStepAt: lastStepAt,
                                          expedite: chance(15, &random), stage: policy.step(at: position)?.stage, openedAt: now)
            if chance(25, &random) {
                let amount = money(500_000, &random)
                situation.promise = OpenPromise(id: 1, amount: amount, promisedOn: today.adding(days: Int.random(in: -10...30, using: &random)),
                                                graceDays: Int.random(in: 0...5, using: &random),
                                                paidSince: chance(30, &random) ? amount : .zero())
            }
            if chance(25, &random) { situation.plan = plan(today: today, &random) }
        }
        for invoice in invoices where chance(30, &random) {
            situation.courtesyDone.insert(CourtesyKey(invoiceId: invoice.invoiceId, position: 1))
        }
        if let plan = situation.plan, chance(50, &random) {
            situation.instalmentRemindersDone.insert(InstalmentReminderKey(planId: plan.id, instalment: 1, kind: .before))
        }
        return Scenario(situation: situation, policy: policy, now: now, calendar: calendar)
    }

    private static func plan(today: CalendarDay, _ random: inout LegalSeededGenerator) -> ActivePlan {
        var due = today.adding(days: Int.random(in: -20...20, using: &random))
        var instalments: [PlanInstalment] = []
        var total = Decimal(0)
        for number in 1...Int.random(in: 1...4, using: &random) {
            let amount = money(200_000, &random)
            instalments.append(PlanInstalment(number: number, dueOn: due, amount: amount))
            total += amount.amount
            due = due.adding(days: Int.random(in: 7...40, using: &random))
        }
        let paid = Decimal(Int.random(in: 0...100, using: &random)) / 100 * total
        return ActivePlan(id: 4, instalments: instalments, graceDays: Int.random(in: 0...5, using: &random), paidSince: Money(amount: paid))
    }

    private static func checkMoment(_ work: PlannedWork, notBefore now: Date, _ calendar: ProcedureCalendar) {
        let sending = calendar.calendar(for: work.channel.deliveryChannel)
        #expect(sending.isInsideWindow(work.dueAt), "\(work) outside the \(work.channel) window in \(calendar.timeZone.identifier)")
        #expect(sending.isSendingDay(sending.localDay(of: work.dueAt)), "\(work) on a non-sending day")
        #expect(work.dueAt >= now, "\(work) before \(now)")
    }

    @Test(arguments: seeds)
    func workIsInsideItsWindowAndNeverBeforeNow(_ seed: UInt64) {
        var random = LegalSeededGenerator(seed: seed)
        for _ in 0..<Self.situationsPerSeed {
            let s = Self.scenario(&random)
            let answer = CollectionPlanner.reconcile(s.situation, policy: s.policy, now: s.now, calendar: s.calendar)
            for work in answer.work { Self.checkMoment(work, notBefore: s.now, s.calendar) }
            #expect(answer.work.map(\.dueAt) == answer.work.map(\.dueAt).sorted())
            if let review = answer.nextReviewAt { #expect(review > s.now) }
        }
    }

    @Test(arguments: seeds)
    func nothingForDisputedOrPaidInvoices(_ seed: UInt64) {
        var random = LegalSeededGenerator(seed: seed)
        for _ in 0..<Self.situationsPerSeed {
            let s = Self.scenario(&random)
            let answer = CollectionPlanner.reconcile(s.situation, policy: s.policy, now: s.now, calendar: s.calendar)
            if s.situation.debtorDisputed { #expect(answer.work.isEmpty) }
            let workable = Set(s.situation.invoices.filter { $0.outstanding.isPositive && !$0.disputed }.map(\.invoiceId))
            for work in answer.work {
                #expect(Set(work.invoiceIds).isSubset(of: workable), "\(work) about an invoice disputed or paid")
                if case .courtesy(let id, _) = work.key { #expect(workable.contains(id)) }
            }
        }
    }

    @Test(arguments: seeds)
    func noCaseStepWhileAPromiseOrPlanRuns(_ seed: UInt64) {
        var random = LegalSeededGenerator(seed: seed)
        for _ in 0..<Self.situationsPerSeed {
            let s = Self.scenario(&random)
            let answer = CollectionPlanner.reconcile(s.situation, policy: s.policy, now: s.now, calendar: s.calendar)
            let promiseRuns = s.situation.promise != nil && answer.promiseChange == nil
            let planRuns = s.situation.plan != nil && answer.planChange == nil
            guard promiseRuns || planRuns else { continue }
            #expect(!answer.work.contains { if case .step = $0.key { true } else { false } })
        }
    }

    @Test(arguments: seeds)
    func reconcileIsDeterministicAndIdempotent(_ seed: UInt64) {
        var random = LegalSeededGenerator(seed: seed)
        for _ in 0..<Self.situationsPerSeed {
            let s = Self.scenario(&random)
            let first = CollectionPlanner.reconcile(s.situation, policy: s.policy, now: s.now, calendar: s.calendar)
            #expect(CollectionPlanner.reconcile(s.situation, policy: s.policy, now: s.now, calendar: s.calendar) == first)
            // With the changes it asked for applied, the answer is the same and asks for nothing more.
            var changed = s.situation
            if first.promiseChange != nil { changed.promise = nil }
            if first.planChange != nil { changed.plan = nil }
            switch first.caseChange {
            case .open(let policy)?: changed.openCase = OpenCase(id: 2, policyName: policy, openedAt: s.now)
            case .close?: changed.openCase = nil
            case nil: break
            }
            let second = CollectionPlanner.reconcile(changed, policy: s.policy, now: s.now, calendar: s.calendar)
            #expect(second.caseChange == nil && second.promiseChange == nil && second.planChange == nil)
            #expect(second.work == first.work && second.nextReviewAt == first.nextReviewAt, "\(s.situation)")
        }
    }

    @Test(arguments: seeds)
    func timelinesMoveForwardOnly(_ seed: UInt64) {
        var random = LegalSeededGenerator(seed: seed)
        for index in 0..<Self.timelinesPerSeed {
            let allOverdue = index % 2 == 0
            let s = Self.scenario(&random, allOverdue: allOverdue)
            let until = s.now.addingTimeInterval(Double(Int.random(in: 1...400, using: &random)) * 86_400)
            let entries = CollectionPlanner.timeline(s.situation, policy: s.policy, now: s.now, until: until, calendar: s.calendar)
            #expect(entries.count <= CollectionPlanner.maximumTimelineEntries)
            #expect(entries.map(\.at) == entries.map(\.at).sorted())
            let work = entries.compactMap { if case .work(let work) = $0.kind { work } else { nil } }
            #expect(Set(work.map(\.key)).count == work.count, "a key listed twice")
            var position = s.situation.openCase?.position ?? 0
            // The generated case may sit at any position whatever its amount, so stages are compared
            // between the timeline's own steps.
            var stage: CollectionStage?
            for item in work {
                Self.checkMoment(item, notBefore: s.now, s.calendar)
                #expect(item.dueAt <= until)
                guard case .step(let next) = item.key else { continue }
                #expect(next > position)
                position = next
                // With every invoice already overdue the amount conditions cannot change along the way,
                // so the stages climb (small claims and the agency are exclusive by amount).
                if allOverdue, let previous = stage { #expect(item.stage >= previous, "\(stage!) then \(item.stage)") }
                stage = item.stage
            }
        }
    }
}
