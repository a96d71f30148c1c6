import Foundation

/// A signed JSON request to a tenant's webhook or SMS gateway, made the last thing before
/// `COMMIT`, like an e-mail. Its idempotency key is the action's: a retry after a crash is the
/// same request to the receiver.
struct OutgoingPost: Sendable {
    let url: String
    let body: [UInt8]
    let secret: [UInt8]
    let idempotencyKey: String
    /// What it carries, for the journal: `webhook`, `sms` or `letter`.
    let purpose: String
}
