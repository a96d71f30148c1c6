/// What a sent reminder records in `actions.outcome` and in its `reminder_sent` event.
struct ReminderOutcome: Encodable {
    let messageID: String
    let step: Int
    let template: String
    /// Every invoice the message listed; a later reminder of one of them the same day is
    /// merged into this one instead of being sent.
    let invoiceIDs: [Int64]
    let invoices: [String]
    /// Other reminders this message stood for.
    let merged: [Int64]

    enum CodingKeys: String, CodingKey {
        case messageID = "message_id", step, template, invoiceIDs = "invoice_ids", invoices, merged
    }
}

/// The relay refused or could not take the message: nothing was delivered.
struct DeliveryFailure: Error {
    let description: String
    let isPermanent: Bool
    /// How long the receiver asked us to wait (`Retry-After`), when it did.
    var retryAfter: Duration? = nil
}

/// The whole message went to the relay, which did not answer: it may have been delivered.
/// Nothing is recorded; the action keeps its lease and goes again, with the same Message-ID,
/// when the lease expires.
struct DeliveryUncertain: Error {
    let messageID: String
    let description: String
}
