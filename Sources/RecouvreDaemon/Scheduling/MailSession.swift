import Foundation
import RecouvreChannels

/// One worker's SMTP connections, one per relay, reused from message to message, through
/// libcurl (`CurlSMTPTransport`: STARTTLS, implicit TLS, AUTH, verified certificates).
///
/// A worker runs its actions on its database connection's serial queue, one at a time; the
/// session is only ever touched from there (and after that queue is closed), which is why it
/// may be shared with that queue's closures although the transport itself is not `Sendable`.
final class MailSession: @unchecked Sendable {
    private var clients: [String: CurlSMTPTransport] = [:]
    private var unreachableSince: [String: Date] = [:]
    private let heloName: String
    /// After a relay could not be reached, how long the next messages for it fail at once
    /// instead of each waiting for a connection timeout.
    let holdOff: TimeInterval

    /// The limit on one whole send with a relay: short enough that one message never holds a
    /// worker near the watchdog's limit.
    let timeout: Duration
    /// Certificates to trust instead of the system's store (`delivery.ca_file`).
    let caFile: String?

    init(heloName: String, holdOff: TimeInterval = 30, timeout: Duration = .seconds(20), caFile: String? = nil) {
        self.heloName = heloName
        self.holdOff = holdOff
        self.timeout = timeout
        self.caFile = caFile
    }

    /// Sends through `relayURL`, reusing its connection; returns the relay's reply. `timeout`,
    /// when given, replaces the session's: a connection opened with another limit is replaced,
    /// so that a reloaded `delivery.timeout_seconds` applies from the next message.
    func send(_ message: EmailMessage, relayURL: String, envelopeFrom: String, recipient: String, timeout: Duration? = nil,
              now: @autoclosure () -> Date = Date()) throws(SMTPError) -> String {
        let timeout = timeout ?? self.timeout
        let start = now()
        if let since = unreachableSince[relayURL], start.timeIntervalSince(since) < holdOff {
            throw SMTPError(code: nil, message: "the relay was unreachable \(Int(start.timeIntervalSince(since))) s ago; not tried again yet",
                            isPermanent: false, stage: "connect")
        }
        let client: CurlSMTPTransport
        if let existing = clients[relayURL], existing.timeout != timeout {
            clients.removeValue(forKey: relayURL)?.close()
        }
        if let existing = clients[relayURL] {
            client = existing
        } else {
            let relay: SMTPRelay
            do {
                relay = try SMTPRelay(url: relayURL)
            } catch {
                throw SMTPError(code: nil, message: "the relay URL is not usable: \(error)", isPermanent: true, stage: "configuration")
            }
            client = CurlSMTPTransport(relay: relay, heloName: heloName, timeout: timeout, caFile: caFile)
            clients[relayURL] = client
        }
        do {
            let reply = try client.send(message, envelopeFrom: envelopeFrom, recipients: [recipient])
            unreachableSince[relayURL] = nil
            return reply
        } catch {
            clients.removeValue(forKey: relayURL)?.close()
            // Counted from the failure, not the attempt: a connection that timed out took long.
            if error.stage == "connect" { unreachableSince[relayURL] = now() }
            throw error
        }
    }

    func closeAll() {
        for client in clients.values { client.close() }
        clients.removeAll()
    }
}
