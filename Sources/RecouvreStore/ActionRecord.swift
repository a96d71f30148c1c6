import Foundation
import Postgres

/// An action as ops see it in `recouvrectl actions list`.
public struct ActionRecord: Sendable, Equatable {
    public let id: Int64
    public let kind: String
    public let channel: String
    public let state: String
    public let debtorID: Int64?
    public let invoiceID: Int64?
    public let step: Int
    public let dueAt: Date
    public let attempts: Int
    public let lastError: String?
    public let updatedAt: Date

    static let columns = "id, kind, channel, state, debtor_id, invoice_id, step, due_at, attempts, last_error, updated_at"

    init(row: PostgresRow) throws {
        id = try row.decode(Int64.self, "id")
        kind = try row.decode(String.self, "kind")
        channel = try row.decode(String.self, "channel")
        state = try row.decode(String.self, "state")
        debtorID = try row.decodeIfPresent(Int64.self, "debtor_id")
        invoiceID = try row.decodeIfPresent(Int64.self, "invoice_id")
        step = try row.decode(Int.self, "step")
        dueAt = try row.decode(Date.self, "due_at")
        attempts = try row.decode(Int.self, "attempts")
        lastError = try row.decodeIfPresent(String.self, "last_error")
        updatedAt = try row.decode(Date.self, "updated_at")
    }
}
