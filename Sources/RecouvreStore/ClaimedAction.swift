import Foundation
import Postgres

/// An action this daemon holds a lease on.
public struct ClaimedAction: Sendable, Equatable {
    /// What an action does when it runs.
    public enum Kind: String, Sendable {
        /// Plan the reminders of a new or re-dated invoice.
        case planInvoice = "plan_invoice"
        /// Cancel what a payment made pointless.
        case reviewDebtor = "review_debtor"
        /// Send a reminder e-mail.
        case emailReminder = "email_reminder"
    }

    public let id: Int64
    public let kind: Kind
    public let debtorID: Int64?
    public let invoiceID: Int64?
    public let step: Int
    public let template: String?
    public let dueAt: Date
    /// Attempts including this one.
    public let attempts: Int

    static let columns = "id, kind, debtor_id, invoice_id, step, template, due_at, attempts"

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
        dueAt = try row.decode(Date.self, "due_at")
        attempts = try row.decode(Int.self, "attempts")
    }
}
