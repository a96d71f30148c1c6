import Foundation
import RecouvreCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking SMTP client (RFC 5321) for one relay, plain SMTP without TLS or AUTH
/// (`CurlSMTPTransport` has both, behind the same API).
///
/// One owner at a time: it keeps one connection open across messages, resets the transaction
/// before each new message, and reconnects once when the server closed an idle connection.
/// Calls block the calling thread, so run them off the cooperative pool.
public final class SMTPClient {
    /// The relay messages are handed to.
    public let relay: SMTPRelay
    /// The name sent in EHLO.
    public let heloName: String
    /// The limit on connecting and on each read or write.
    public let timeout: Duration

    private var connection: SMTPSocket?
    private var parser = SMTPReplyParser()

    /// This machine's host name, as EHLO names it.
    public static var hostname: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }

    /// A client for `relay`; nothing is connected until the first `send`.
    public init(relay: SMTPRelay, heloName: String = SMTPClient.hostname, timeout: Duration = .seconds(30)) {
        self.relay = relay
        self.heloName = heloName.filter { !$0.isWhitespace && !$0.isNewline }
        self.timeout = timeout
    }

    deinit { connection?.close() }

    /// Whether a connection is open.
    public var isConnected: Bool { connection?.isOpen == true }

    /// Sends `message` to `recipients` with the envelope sender `envelopeFrom`.
    ///
    /// Returns the server's reply to the end of DATA (e.g. `250 OK: queued as 12345`), the relay's
    /// evidence that it took the message. Errors carry the stage and whether retrying can help.
    public func send(_ message: EmailMessage, envelopeFrom: String, recipients: [String]) throws(SMTPError) -> String {
        if let problem = Self.unsupportedFeature(of: relay) {
            throw SMTPError(code: nil, message: problem, isPermanent: false, stage: "configuration")
        }
        guard EmailAddress.isValid(envelopeFrom), !envelopeFrom.contains(where: { "<>".contains($0) }) else {
            throw SMTPError(code: nil, message: "the envelope sender \"\(envelopeFrom)\" is not a valid e-mail address", isPermanent: true, stage: "MAIL FROM")
        }
        guard !recipients.isEmpty else {
            throw SMTPError(code: nil, message: "the message has no recipient", isPermanent: true, stage: "RCPT TO")
        }
        for recipient in recipients where !EmailAddress.isValid(recipient) || recipient.contains(where: { "<>".contains($0) }) {
            throw SMTPError(code: nil, message: "the recipient \"\(recipient)\" is not a valid e-mail address", isPermanent: true, stage: "RCPT TO")
        }
        let payload = try SMTPDialogue.dataPayload(for: message.rendered())
        if isConnected {
            switch try transact(payload: payload, envelopeFrom: envelopeFrom, recipients: recipients, fresh: false) {
            case .delivered(let reply):
                return reply
            case .reusedConnectionLost:
                // The server dropped the idle connection before anything was committed: start over.
                disconnect()
            }
        }
        disconnect()
        connection = try SMTPSocket(host: relay.host, port: relay.port, timeout: timeout)
        switch try transact(payload: payload, envelopeFrom: envelopeFrom, recipients: recipients, fresh: true) {
        case .delivered(let reply):
            return reply
        case .reusedConnectionLost:
            throw SMTPError(code: nil, message: "the connection was lost", isPermanent: false, stage: "connect")
        }
    }

    /// What this plain-socket client cannot do for `relay` (TLS, AUTH), or nil when it can
    /// deliver there. `CurlSMTPTransport` does both.
    public static func unsupportedFeature(of relay: SMTPRelay) -> String? {
        if relay.security != .none {
            return "invalid SMTP relay \"\(relay.redacted)\": TLS is not supported yet by this client; use smtp:// without starttls="
        }
        if relay.hasCredentials {
            return "SMTP AUTH is not supported yet: use a relay that accepts this host without a password (\(relay.redacted))"
        }
        return nil
    }

    /// Says QUIT and closes the connection; the next `send` reconnects.
    public func close() {
        guard let connection, connection.isOpen else {
            disconnect()
            return
        }
        do {
            try connection.write(Array("QUIT\r\n".utf8), stage: "QUIT")
            _ = try readReply(stage: "QUIT")
        } catch {
            // The connection is going away either way.
        }
        disconnect()
    }

    private enum Outcome {
        case delivered(String)
        case reusedConnectionLost
    }

    /// Runs one dialogue. On a reused connection, losing it before the message content was sent
    /// is reported as `.reusedConnectionLost` so the caller can retry on a fresh one.
    private func transact(payload: [UInt8], envelopeFrom: String, recipients: [String], fresh: Bool) throws(SMTPError) -> Outcome {
        guard let connection else {
            throw SMTPError(code: nil, message: "not connected", isPermanent: false, stage: "connect")
        }
        var dialogue = SMTPDialogue(heloName: heloName, envelopeFrom: envelopeFrom, recipients: recipients, payload: payload, freshConnection: fresh)
        var step = dialogue.start()
        var contentWritten = false
        while true {
            do throws(SMTPError) {
                switch step {
                case .send(let bytes):
                    try connection.write(bytes, stage: dialogue.stage)
                    if dialogue.stage == "message" { contentWritten = true }
                    step = dialogue.receive(try readReply(stage: dialogue.stage))
                case .awaitReply:
                    step = dialogue.receive(try readReply(stage: dialogue.stage))
                case .finished(let reply):
                    return .delivered(reply.description)
                case .failed(let error):
                    // A refused sender, recipient or message leaves the session usable (the next
                    // message starts with RSET); anything else, and 421 ("closing"), ends it.
                    let transactionStages = ["MAIL FROM", "RCPT TO", "DATA", "message"]
                    guard error.code == 421 || !transactionStages.contains(error.stage) else { throw error }
                    disconnect()
                    if !fresh, dialogue.isBeforeContent { return .reusedConnectionLost }
                    throw error
                }
            } catch {
                guard error.code == nil else { throw error }
                // A network failure: the connection is unusable.
                disconnect()
                if !fresh, dialogue.isBeforeContent { return .reusedConnectionLost }
                if contentWritten {
                    throw SMTPError(code: nil, message: error.message + "; the relay may have accepted the message",
                                    isPermanent: false, stage: error.stage, outcomeUnknown: true)
                }
                throw error
            }
        }
    }

    private func readReply(stage: String) throws(SMTPError) -> SMTPReply {
        guard let connection else {
            throw SMTPError(code: nil, message: "not connected", isPermanent: false, stage: stage)
        }
        while true {
            let replies = try parser.feed(try connection.read(stage: stage))
            if let first = replies.first {
                // One command is answered at a time; a second reply means the stream is out of step.
                guard replies.count == 1, !parser.hasPartialReply else {
                    throw SMTPError(code: nil, message: "the server sent more replies than commands", isPermanent: false, stage: stage)
                }
                return first
            }
        }
    }

    private func disconnect() {
        connection?.close()
        connection = nil
        parser = SMTPReplyParser()
    }
}
