import Foundation
import Postgres
import RecouvreCore

/// A step, courtesy or instalment reminder waiting in the actions table.
public struct ScheduledWork: Sendable, Equatable {
    public let id: Int64
    public let key: PlannedWorkKey
    public let state: String
    public let dueAt: Date

    static let columns = "id, kind, invoice_id, plan_id, instalment, step, template, state, due_at"

    init?(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        state = try row.decode(String.self, "state")
        dueAt = try row.decode(Date.self, "due_at")
        guard let key = try Self.key(row: row) else { return nil }
        self.key = key
    }

    /// The planner's key of an action row (`kind`, `invoice_id`, `plan_id`, `instalment`, `step`,
    /// `template`); nil for actions that are not planned work.
    static func key(row: PostgresRow) throws -> PlannedWorkKey? {
        let step = try row.decode(Int.self, "step")
        switch try row.decode(String.self, "kind") {
        case "step":
            return .step(position: step)
        case "courtesy":
            return try row.decodeIfPresent(Int64.self, "invoice_id").map { .courtesy(invoiceId: $0, position: step) }
        case "instalment_reminder":
            guard let plan = try row.decodeIfPresent(Int64.self, "plan_id"),
                  let number = try row.decodeIfPresent(Int.self, "instalment"),
                  let kind = InstalmentReminderKind(rawValue: try row.decodeIfPresent(String.self, "template") ?? "") else { return nil }
            return .instalment(planId: plan, instalment: number, kind: kind)
        default:
            return nil
        }
    }
}
