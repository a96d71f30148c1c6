import RecouvreChannels

/// One worker's SMTP connections, one per relay, reused from message to message.
///
/// A worker runs its actions on its database connection's serial queue, one at a time; the
/// session is only ever touched from there, which is why it may be shared with that queue's
/// closures although `SMTPClient` itself is not `Sendable`.
final class MailSession: @unchecked Sendable {
    private var clients: [String: SMTPClient] = [:]
    private let heloName: String

    init(heloName: String) { self.heloName = heloName }

    /// The client for `relayURL`, connecting on first use.
    func client(for relayURL: String) throws -> SMTPClient {
        if let client = clients[relayURL] { return client }
        let client = SMTPClient(relay: try SMTPRelay(url: relayURL), heloName: heloName)
        clients[relayURL] = client
        return client
    }

    /// Drops a relay's connection after an error, so the next message reconnects.
    func discard(_ relayURL: String) {
        clients.removeValue(forKey: relayURL)?.close()
    }

    func closeAll() {
        for client in clients.values { client.close() }
        clients.removeAll()
    }
}
