import Foundation
import Testing
import RecouvreCore

/// `CollectionPlanner.reconcile` at one moment, dates computed by hand.
@Suite struct ProcedurePlannerTests {
    private typealias F = ProcedureFixtures

    private func openCase(position: Int = 0, lastStepAt: Date? = nil, expedite: Bool = false, stage: CollectionStage? = nil) -> OpenCase {
        OpenCase(id: 9, policyName: "business", position: position, lastStepAt: lastStepAt, expedite: expedite, stage: stage,
                 openedAt: Date(timeIntervalSince1970: 0))
    }

    private func reconcile(_ situation: DebtorSituation, at now: String, policy: CollectionPolicy? = .business,
                           calendar: ProcedureCalendar) throws -> Reconciliation {
        CollectionPlanner.reconcile(situation, policy: policy, now: try F.local(now, calendar), calendar: calendar)
    }

    // MARK: Time zones and daylight saving

    /// Summer time starts on Sunday 2026-03-29 in Paris.
    @Test func springDaylightSavingChange() throws {
        let paris = try F.calendar()
        let invoice = try F.invoice(1, due: "2026-03-27")
        let before = try reconcile(DebtorSituation(debtorKind: .business, invoices: [invoice]), at: "2026-03-20 12:00", calendar: paris)
        // D−3 = Tue 03-24, 09:00 CET = 08:00 UTC.
        #expect(before.work.map(\.dueAt) == [try UTC.date("2026-03-24T08:00:00Z")])
        let after = try reconcile(DebtorSituation(debtorKind: .business, invoices: [invoice], openCase: openCase(),
                                                  courtesyDone: [CourtesyKey(invoiceId: 1, position: 1)]),
                                  at: "2026-03-28 12:00", calendar: paris)
        // D+1 = Sat 03-28 → Mon 03-30, 09:00 CEST = 07:00 UTC.
        #expect(after.work.map(\.key) == [.step(position: 2)])
        #expect(after.work.map(\.dueAt) == [try UTC.date("2026-03-30T07:00:00Z")])
    }

    /// Summer time ends on Sunday 2026-10-25 in Paris.
    @Test func autumnDaylightSavingChange() throws {
        let paris = try F.calendar()
        let invoice = try F.invoice(1, due: "2026-10-23")
        let before = try reconcile(DebtorSituation(debtorKind: .business, invoices: [invoice]), at: "2026-10-19 12:00", calendar: paris)
        // D−3 = Tue 10-20, 09:00 CEST = 07:00 UTC; the review is the first midnight after the due date, 00:00 CEST.
        #expect(before.work.map(\.dueAt) == [try UTC.date("2026-10-20T07:00:00Z")])
        #expect(before.nextReviewAt == (try UTC.date("2026-10-23T22:00:00Z")))
        let after = try reconcile(DebtorSituation(debtorKind: .business, invoices: [invoice], openCase: openCase()),
                                  at: "2026-10-24 12:00", calendar: paris)
        // D+1 = Sat 10-24 → Mon 10-26, 09:00 CET = 08:00 UTC. The courtesy step is gone: the invoice is overdue.
        #expect(after.work.map(\.dueAt) == [try UTC.date("2026-10-26T08:00:00Z")])
    }

    /// A debtor in Montreal: days and hours are read in the debtor's zone.
    @Test func debtorInMontreal() throws {
        let montreal = try F.calendar("America/Montreal")
        let paris = try F.calendar()
        let situation = DebtorSituation(debtorKind: .business, invoices: [try F.invoice(1, due: "2026-04-03")])
        // Fri 04-03 23:30 UTC is 19:30 in Montreal (still the due date) but Sat 01:30 in Paris.
        let now = try UTC.date("2026-04-03T23:30:00Z")
        #expect(CollectionPlanner.reconcile(situation, policy: .business, now: now, calendar: montreal).caseChange == nil)
        #expect(CollectionPlanner.reconcile(situation, policy: .business, now: now, calendar: paris).caseChange == .open(policy: "business"))
        // Courtesy D−3 = Tue 03-31 09:00 EDT = 13:00 UTC.
        let early = CollectionPlanner.reconcile(situation, policy: .business, now: try UTC.date("2026-03-01T12:00:00Z"), calendar: montreal)
        #expect(early.work.map(\.dueAt) == [try UTC.date("2026-03-31T13:00:00Z")])
        // Reminder 1: D+1 = Sat 04-04 → Tue 04-07 (French holidays still apply) 09:00 EDT = 13:00 UTC.
        let opened = DebtorSituation(debtorKind: .business, invoices: situation.invoices, openCase: openCase())
        let late = CollectionPlanner.reconcile(opened, policy: .business, now: try UTC.date("2026-04-04T12:00:00Z"), calendar: montreal)
        #expect(late.work.map(\.dueAt) == [try UTC.date("2026-04-07T13:00:00Z")])
    }

    /// Good Friday (2026-04-03) is a holiday in Alsace-Moselle only.
    @Test func alsaceMoselleGoodFriday() throws {
        let situation = DebtorSituation(debtorKind: .business, invoices: [try F.invoice(1, due: "2026-04-02")], openCase: openCase())
        let paris = try F.calendar()
        let alsace = try F.calendar(alsaceMoselle: true)
        // D+1 = Fri 04-03: a sending day in Paris.
        #expect(try reconcile(situation, at: "2026-04-03 07:00", calendar: paris).work.map { F.describe($0, paris) }
            == ["2026-04-03 09:00 reminder1"])
        // In Strasbourg: Good Friday, the weekend, Easter Monday → Tue 04-07.
        #expect(try reconcile(situation, at: "2026-04-03 07:00", calendar: alsace).work.map { F.describe($0, alsace) }
            == ["2026-04-07 09:00 reminder1"])
    }

    // MARK: Case steps

    /// A collector asked to escalate: the next step goes at the channel's next moment.
    @Test func expediteBringsTheNextStepForward() throws {
        let paris = try F.calendar()
        let called = openCase(position: 4, lastStepAt: try F.local("2026-01-29 10:00", paris), expedite: true, stage: .call)
        let situation = DebtorSituation(debtorKind: .business, invoices: [try F.invoice(1, due: "2026-01-14")], openCase: called)
        // Without expedite the formal notice would wait until max(D+30 = 02-13, 01-29 + 15 = 02-13).
        // Mon 02-02 14:30 is inside the letter window: now.
        #expect(try reconcile(situation, at: "2026-02-02 14:30", calendar: paris).work.map { F.describe($0, paris) }
            == ["2026-02-02 14:30 formal_notice"])
        // Sat 01-31 → the letter window opens Mon 02-02 at 08:00.
        #expect(try reconcile(situation, at: "2026-01-31 11:00", calendar: paris).work.map { F.describe($0, paris) }
            == ["2026-02-02 08:00 formal_notice"])
        var normal = situation
        normal.openCase?.expedite = false
        #expect(try reconcile(normal, at: "2026-02-02 14:30", calendar: paris).work.map { F.describe($0, paris) }
            == ["2026-02-13 09:00 formal_notice"])
        // Once done, the expedite is over.
        let done = CollectionPlanner.applying(try #require(try reconcile(situation, at: "2026-02-02 14:30", calendar: paris).work.first),
                                              at: try F.local("2026-02-02 14:30", paris), to: situation)
        #expect(done.openCase?.position == 5 && done.openCase?.expedite == false && done.openCase?.stage == .formalNotice)
    }

    /// A call task left open past its deadline: noticed once, with the step's rule; `escalate`
    /// brings the next step forward as a collector's escalation does, `wait` keeps the pace.
    @Test func overdueTaskFollowsItsStepsRule() throws {
        let paris = try F.calendar()
        let deadline = try F.local("2026-02-02 18:00", paris)
        let called = openCase(position: 4, lastStepAt: try F.local("2026-01-29 10:00", paris), stage: .call)
        var situation = DebtorSituation(debtorKind: .business, invoices: [try F.invoice(1, due: "2026-01-14")], openCase: called,
                                        openTasks: [OpenTask(id: 77, stepPosition: 4, deadline: deadline)])
        var escalating = CollectionPolicy.business.steps
        escalating[3] = PolicyStep(position: 4, offsetDays: 15, stage: .call, channel: .task, template: "call", whenOverdue: .escalate)
        let policy = CollectionPolicy(name: "business", debtorKind: .business, steps: escalating)

        // Before the deadline: nothing overdue, and a review is asked for at the deadline.
        let before = try reconcile(situation, at: "2026-02-02 17:00", policy: policy, calendar: paris)
        #expect(before.overdueTasks.isEmpty)
        #expect(before.nextReviewAt == deadline)
        #expect(before.work.map { F.describe($0, paris) } == ["2026-02-13 09:00 formal_notice"])

        // After it, escalate: the notice goes when the letters' window next opens (Tue 08:00).
        let after = try reconcile(situation, at: "2026-02-02 18:30", policy: policy, calendar: paris)
        #expect(after.overdueTasks == [OverdueTask(taskId: 77, rule: .escalate, escalated: true)])
        #expect(after.work.map { F.describe($0, paris) } == ["2026-02-03 08:00 formal_notice"])

        // The default rule waits: reported, the pace kept.
        let waiting = try reconcile(situation, at: "2026-02-02 18:30", calendar: paris)
        #expect(waiting.overdueTasks == [OverdueTask(taskId: 77, rule: .wait, escalated: false)])
        #expect(waiting.work.map { F.describe($0, paris) } == ["2026-02-13 09:00 formal_notice"])

        // Once noticed it is not reported again, and no review is asked for it.
        situation.openTasks = [OpenTask(id: 77, stepPosition: 4, deadline: deadline, overdueNoted: true)]
        let noted = try reconcile(situation, at: "2026-02-02 18:30", policy: policy, calendar: paris)
        #expect(noted.overdueTasks.isEmpty && noted.nextReviewAt == nil)

        // A task of an earlier step, once the case has moved on, escalates nothing.
        situation.openCase?.position = 5
        situation.openTasks = [OpenTask(id: 77, stepPosition: 4, deadline: deadline)]
        let movedOn = try reconcile(situation, at: "2026-02-02 18:30", policy: policy, calendar: paris)
        #expect(movedOn.overdueTasks == [OverdueTask(taskId: 77, rule: .escalate, escalated: false)])
    }

    /// Handoff and court steps are planned with `requiresApproval`; the daemon holds them.
    @Test func approvalStepsAreMarked() throws {
        let paris = try F.calendar()
        let noticed = openCase(position: 5, lastStepAt: try F.local("2026-02-13 09:00", paris), stage: .formalNotice)
        let situation = DebtorSituation(debtorKind: .business, invoices: [try F.invoice(1, due: "2026-01-14")], openCase: noticed)
        let work = try #require(try reconcile(situation, at: "2026-02-20 10:00", calendar: paris).work.first)
        // D+45 = Sat 02-28 → the call window opens Mon 03-02 09:00.
        #expect(F.describe(work, paris) == "2026-03-02 09:00 small_claims (approval)")
        #expect(work.channel == .task && work.stage == .smallClaims)
    }

    /// A dispute on one invoice takes it out of the collectible set, the amount conditions and the anchor.
    @Test func disputedInvoiceLeavesTheCollectibleSetAndTheAnchor() throws {
        let paris = try F.calendar()
        let early = try F.invoice(1, due: "2026-01-05", outstanding: "2500.50", disputed: true)
        let later = try F.invoice(2, due: "2026-01-14", outstanding: "3000.00")
        // 01-10: invoice 1 is overdue, so a case opens, but nothing is collectible yet.
        let opening = try reconcile(DebtorSituation(debtorKind: .business, invoices: [early, later]), at: "2026-01-10 12:00", calendar: paris)
        #expect(opening.caseChange == .open(policy: "business"))
        #expect(opening.work.allSatisfy { $0.key != .step(position: 2) })
        #expect(opening.nextReviewAt == (try F.local("2026-01-15 00:00", paris)))
        // 01-16: the anchor is invoice 2's due date: D+1 = 01-15 is past, so now.
        let situation = DebtorSituation(debtorKind: .business, invoices: [early, later], openCase: openCase())
        let work = try #require(try reconcile(situation, at: "2026-01-16 12:00", calendar: paris).work.first)
        #expect(work.key == .step(position: 2) && work.invoiceIds == [2])
        #expect(F.describe(work, paris) == "2026-01-16 12:00 reminder1")
        // The conditions see €3,000 rather than €5,500.50: small claims, not the agency.
        let noticed = DebtorSituation(debtorKind: .business, invoices: [early, later],
                                      openCase: openCase(position: 5, lastStepAt: try F.local("2026-02-13 09:00", paris)))
        #expect(try reconcile(noticed, at: "2026-02-20 10:00", calendar: paris).work.map(\.template) == ["small_claims"])
        let undisputed = try F.invoice(1, due: "2026-01-05", outstanding: "2500.50")
        let bothCount = DebtorSituation(debtorKind: .business, invoices: [undisputed, later],
                                        openCase: openCase(position: 5, lastStepAt: try F.local("2026-02-13 09:00", paris)))
        #expect(try reconcile(bothCount, at: "2026-02-20 10:00", calendar: paris).work.map(\.template) == ["agency_handoff"])
    }

    /// A dispute on the whole debtor pauses everything, but keeps the case open.
    @Test func debtorWideDisputePauses() throws {
        let paris = try F.calendar()
        let situation = DebtorSituation(debtorKind: .business, invoices: [try F.invoice(1, due: "2026-01-14"), try F.invoice(2, due: "2026-03-01")],
                                        debtorDisputed: true, openCase: openCase())
        let answer = try reconcile(situation, at: "2026-02-01 12:00", calendar: paris)
        #expect(answer.caseChange == nil && answer.work.isEmpty)
    }

    // MARK: Case opening and closing

    @Test func caseOpensWhenSomethingIsOverdueAndClosesWhenNothingIs() throws {
        let paris = try F.calendar()
        let overdue = try F.invoice(1, due: "2026-01-14")
        let paid = try F.invoice(1, due: "2026-01-14", outstanding: "0.00", amount: "1200.00")
        #expect(try reconcile(DebtorSituation(debtorKind: .business, invoices: [overdue]), at: "2026-01-15 08:00", calendar: paris).caseChange
            == .open(policy: "business"))
        // Due today is not overdue yet.
        #expect(try reconcile(DebtorSituation(debtorKind: .business, invoices: [overdue]), at: "2026-01-14 23:59", calendar: paris).caseChange == nil)
        let closing = try reconcile(DebtorSituation(debtorKind: .business, invoices: [paid], openCase: openCase()), at: "2026-01-20 08:00",
                                    calendar: paris)
        #expect(closing.caseChange == .close(reason: .paid) && closing.work.isEmpty)
        #expect(try reconcile(DebtorSituation(debtorKind: .business, invoices: []), at: "2026-01-20 08:00", calendar: paris).caseChange == nil)
        // No policy fits: the case still opens (with no policy name) and nothing is planned.
        let orphan = try reconcile(DebtorSituation(debtorKind: .business, invoices: [overdue]), at: "2026-01-20 08:00", policy: nil, calendar: paris)
        #expect(orphan.caseChange == .open(policy: "") && orphan.work.isEmpty)
    }

    // MARK: Promises

    @Test func promiseRunningKeptOrBroken() throws {
        let paris = try F.calendar()
        let reminded = openCase(position: 2, lastStepAt: try F.local("2026-01-15 09:00", paris), stage: .reminder)
        func promise(paid: String) throws -> OpenPromise {
            OpenPromise(id: 3, amount: try F.money("600.00"), promisedOn: try F.day("2026-01-30"), graceDays: 3, paidSince: try F.money(paid))
        }
        let running = DebtorSituation(debtorKind: .business, invoices: [try F.invoice(1, due: "2026-01-14"), try F.invoice(2, due: "2026-02-20")],
                                      openCase: reminded, promise: try promise(paid: "100.00"))
        // Running: no case step, only invoice 2's courtesy (Tue 02-17); reviewed after the last day of grace (02-02).
        let paused = try reconcile(running, at: "2026-01-20 12:00", calendar: paris)
        #expect(paused.promiseChange == nil && paused.work.map { F.describe($0, paris) } == ["2026-02-17 09:00 courtesy"])
        #expect(paused.nextReviewAt == (try F.local("2026-02-03 00:00", paris)))
        // The last day of grace still runs.
        #expect(try reconcile(running, at: "2026-02-02 23:00", calendar: paris).promiseChange == nil)
        // Broken the next day: collection resumes.
        let broken = try reconcile(running, at: "2026-02-03 00:00", calendar: paris)
        #expect(broken.promiseChange == .broken && broken.work.contains { $0.key == .step(position: 3) })
        // Kept by payments while something stays overdue: the case stays open and resumes.
        var kept = running
        kept.promise = try promise(paid: "600.00")
        let keptAnswer = try reconcile(kept, at: "2026-01-25 10:00", calendar: paris)
        #expect(keptAnswer.promiseChange == .kept && keptAnswer.caseChange == nil && keptAnswer.work.contains { $0.key == .step(position: 3) })
        // Kept because nothing is overdue any more: the case closes with promise_kept.
        var settled = running
        settled.invoices = [try F.invoice(1, due: "2026-01-14", outstanding: "0.00", amount: "1200.00")]
        let settledAnswer = try reconcile(settled, at: "2026-01-25 10:00", calendar: paris)
        #expect(settledAnswer.promiseChange == .kept && settledAnswer.caseChange == .close(reason: .promiseKept))
    }

    // MARK: Plans

    @Test func planRemindersCompletionAndBreaking() throws {
        let paris = try F.calendar()
        func plan(paid: String) throws -> ActivePlan {
            ActivePlan(id: 7, instalments: [
                PlanInstalment(number: 1, dueOn: try F.day("2026-02-16"), amount: try F.money("500.00")),
                PlanInstalment(number: 2, dueOn: try F.day("2026-03-16"), amount: try F.money("700.00")),
            ], graceDays: 3, paidSince: try F.money(paid))
        }
        let reminded = openCase(position: 3, lastStepAt: try F.local("2026-01-22 09:00", paris), stage: .reminder)
        let situation = DebtorSituation(debtorKind: .business, invoices: [try F.invoice(1, due: "2026-01-14")], openCase: reminded,
                                        plan: try plan(paid: "0.00"))
        // Instalment 1 due Mon 02-16: before = Fri 02-13 09:00, after = Tue 02-17 09:00; no case step.
        let running = try reconcile(situation, at: "2026-02-01 10:00", calendar: paris)
        #expect(running.planChange == nil)
        #expect(running.work.map { F.describe($0, paris) } == ["2026-02-13 09:00 instalment_before", "2026-02-17 09:00 instalment_after"])
        #expect(running.work.map(\.key) == [.instalment(planId: 7, instalment: 1, kind: .before), .instalment(planId: 7, instalment: 1, kind: .after)])
        #expect(running.nextReviewAt == (try F.local("2026-02-20 00:00", paris)))
        // Past the "before" moment it is no longer planned.
        #expect(try reconcile(situation, at: "2026-02-14 10:00", calendar: paris).work.map(\.template) == ["instalment_after"])
        // Done reminders are not planned again.
        var done = situation
        done.instalmentRemindersDone = [InstalmentReminderKey(planId: 7, instalment: 1, kind: .before)]
        #expect(try reconcile(done, at: "2026-02-01 10:00", calendar: paris).work.map(\.template) == ["instalment_after"])
        // 02-19 is the last day of grace; on 02-20 the plan is broken and the call comes back.
        #expect(try reconcile(situation, at: "2026-02-19 18:00", calendar: paris).planChange == nil)
        let broken = try reconcile(situation, at: "2026-02-20 00:00", calendar: paris)
        #expect(broken.planChange == .broken(missedInstalment: 1))
        #expect(broken.work.map { F.describe($0, paris) } == ["2026-02-20 09:00 call"])
        // Everything paid: completed; the case closes with plan_completed once nothing is overdue.
        var paidUp = situation
        paidUp.plan = try plan(paid: "1200.00")
        paidUp.invoices = [try F.invoice(1, due: "2026-01-14", outstanding: "0.00", amount: "1200.00")]
        let completed = try reconcile(paidUp, at: "2026-03-10 10:00", calendar: paris)
        #expect(completed.planChange == .completed && completed.caseChange == .close(reason: .planCompleted))
    }

    // MARK: Courtesy

    @Test func courtesyOnlyBeforeTheDueDateAndForUndisputedInvoices() throws {
        let paris = try F.calendar()
        // Created late: due Tue 03-31, D−3 = Sat 03-28 → Mon 03-30 09:00, already past at 12:00 → now, still before the due date.
        let late = DebtorSituation(debtorKind: .business, invoices: [try F.invoice(1, due: "2026-03-31")])
        #expect(try reconcile(late, at: "2026-03-30 12:00", calendar: paris).work.map { F.describe($0, paris) } == ["2026-03-30 12:00 courtesy"])
        // Due on Easter Monday 04-06: from Sat 04-04 the next e-mail moment is Tue 04-07, after the due date: dropped.
        let easter = DebtorSituation(debtorKind: .business, invoices: [try F.invoice(1, due: "2026-04-06")])
        #expect(try reconcile(easter, at: "2026-04-04 10:00", calendar: paris).work.isEmpty)
        // Due today: still in time within the window.
        let today = DebtorSituation(debtorKind: .business, invoices: [try F.invoice(1, due: "2026-03-31")])
        #expect(try reconcile(today, at: "2026-03-31 10:00", calendar: paris).work.map { F.describe($0, paris) } == ["2026-03-31 10:00 courtesy"])
        // Overdue, disputed, or already sent: none.
        #expect(try reconcile(today, at: "2026-04-01 10:00", calendar: paris).work.allSatisfy { $0.template != "courtesy" })
        let disputed = DebtorSituation(debtorKind: .business, invoices: [try F.invoice(1, due: "2026-03-31", disputed: true)])
        #expect(try reconcile(disputed, at: "2026-03-20 10:00", calendar: paris).work.isEmpty)
        var sent = late
        sent.courtesyDone = [CourtesyKey(invoiceId: 1, position: 1)]
        #expect(try reconcile(sent, at: "2026-03-20 10:00", calendar: paris).work.isEmpty)
    }

    // MARK: Policy selection

    @Test func selectionPrefersOverrideThenPriorityThenName() throws {
        let big = CollectionPolicy(name: "big", debtorKind: nil, minOutstanding: 10_000, priority: 50, steps: CollectionPolicy.business.steps)
        let alpha = CollectionPolicy(name: "alpha", debtorKind: .business, priority: 100, steps: CollectionPolicy.business.steps)
        let all = [CollectionPolicy.business, .consumer, big, alpha]
        #expect(CollectionPolicy.select(from: all, debtorKind: .consumer, overdueTotal: 100, override: nil)?.name == "consumer")
        // Same priority: the name decides.
        #expect(CollectionPolicy.select(from: all, debtorKind: .business, overdueTotal: 100, override: nil)?.name == "alpha")
        // Lower priority once the total reaches its minimum.
        #expect(CollectionPolicy.select(from: all, debtorKind: .consumer, overdueTotal: 10_000, override: nil)?.name == "big")
        #expect(CollectionPolicy.select(from: all, debtorKind: .consumer, overdueTotal: 9_999.99, override: nil)?.name == "consumer")
        #expect(CollectionPolicy.select(from: all, debtorKind: .business, overdueTotal: 100, override: "consumer")?.name == "consumer")
        #expect(CollectionPolicy.select(from: [big], debtorKind: .business, overdueTotal: 100, override: nil) == nil)
    }
}
