import Foundation
import Postgres
import RecouvreCore

/// An action this daemon holds a lease on.
public struct ClaimedAction: Sendable, Equatable {
    /// What an action does when it runs.
    public enum Kind: String, Sendable {
        /// Look at a debtor again: open or close the case, settle promises and plans, and bring
        /// the scheduled work in line with the policy.
        case reviewDebtor = "review_debtor"
        /// A policy step of a case.
        case step
        /// A courtesy reminder of one invoice before its due date.
        case courtesy
        /// A reminder of one instalment of a payment plan.
        case instalmentReminder = "instalment_reminder"
    }

    public let id: Int64
    public let kind: Kind
    public let debtorID: Int64?
    public let invoiceID: Int64?
    public let step: Int
    public let template: String?
    /// The channel of planned work (`none` for reviews).
    public let channel: String
    public let caseID: Int64?
    public let planID: Int64?
    public let instalment: Int?
    /// When a person approved a step that needs it.
    public let approvedAt: Date?
    public let dueAt: Date
    /// Attempts including this one.
    public let attempts: Int

    static let columns = "id, kind, debtor_id, invoice_id, step, template, channel, case_id, plan_id, instalment, approved_at, due_at, attempts"

    /// The planner's key of a step, courtesy or instalment reminder.
    public var workKey: PlannedWorkKey? {
        switch kind {
        case .step: return .step(position: step)
        case .courtesy: return invoiceID.map { .courtesy(invoiceId: $0, position: step) }
        case .instalmentReminder:
            guard let planID, let instalment, let kind = InstalmentReminderKind(rawValue: template ?? "") else { return nil }
            return .instalment(planId: planID, instalment: instalment, kind: kind)
        case .reviewDebtor: return nil
        }
    }

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        let kindText = try row.decode(String.self, "kind")
        guard let kind = Kind(rawValue: kindText) else {
            throw StoreError(description: "action \(try row.decode(Int64.self, "id")) has unknown kind '\(kindText)'")
        }
        self.kind = kind
        debtorID = try row.decodeIfPresent(Int64.self, "debtor_id")
        invoiceID = try row.decodeIfPresent(Int64.self, "invoice_id")
        step = try row.decode(Int.self, "step")
        template = try row.decodeIfPresent(String.self, "template")
        channel = try row.decode(String.self, "channel")
        caseID = try row.decodeIfPresent(Int64.self, "case_id")
        planID = try row.decodeIfPresent(Int64.self, "plan_id")
        instalment = try row.decodeIfPresent(Int.self, "instalment")
        approvedAt = try row.decodeIfPresent(Date.self, "approved_at")
        dueAt = try row.decode(Date.self, "due_at")
        attempts = try row.decode(Int.self, "attempts")
    }
}
