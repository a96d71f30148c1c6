/// The client side of one SMTP mail transaction, as a state machine with no I/O (RFC 5321 §3).
///
/// The caller writes what `start()` and `receive(_:)` return and feeds back each server reply.
/// On a fresh connection the dialogue waits for the greeting and introduces itself (EHLO, or HELO
/// when EHLO is refused); on a reused one it begins with RSET so no state of an earlier
/// transaction leaks in.
public struct SMTPDialogue: Sendable {
    /// What the caller does next.
    public enum Step: Sendable {
        /// Read the next reply.
        case awaitReply
        /// Write these bytes, then read the next reply.
        case send([UInt8])
        /// The message was accepted; this is the server's reply to the end of DATA.
        case finished(SMTPReply)
        /// The transaction failed.
        case failed(SMTPError)
    }

    private enum Phase: Sendable, Equatable {
        case greeting, ehlo, helo, reset, mailFrom, recipient(Int), data, content, done
    }

    private let heloName: String
    private let envelopeFrom: String
    private let recipients: [String]
    private let payload: [UInt8]
    private let freshConnection: Bool
    private var phase: Phase
    private var contentSent = false

    /// A transaction delivering `payload` (the DATA bytes, see `dataPayload(for:)`).
    public init(heloName: String, envelopeFrom: String, recipients: [String], payload: [UInt8], freshConnection: Bool) {
        self.heloName = heloName
        self.envelopeFrom = envelopeFrom
        self.recipients = recipients
        self.payload = payload
        self.freshConnection = freshConnection
        self.phase = freshConnection ? .greeting : .reset
    }

    /// The first step.
    public mutating func start() -> Step {
        freshConnection ? .awaitReply : .send(Self.command("RSET"))
    }

    /// The stage the dialogue is in, as errors name it.
    public var stage: String {
        switch phase {
        case .greeting: return "greeting"
        case .ehlo: return "EHLO"
        case .helo: return "HELO"
        case .reset: return "RSET"
        case .mailFrom: return "MAIL FROM"
        case .recipient: return "RCPT TO"
        case .data: return "DATA"
        case .content, .done: return "message"
        }
    }

    /// Whether nothing of the message was committed yet, so a failure may be retried on a new
    /// connection without risk of a duplicate.
    public var isBeforeContent: Bool { !contentSent }

    /// Advances on a reply from the server.
    public mutating func receive(_ reply: SMTPReply) -> Step {
        let current = stage
        switch phase {
        case .greeting:
            guard reply.code == 220 else { return fail(reply, current) }
            phase = .ehlo
            return .send(Self.command("EHLO " + heloName))
        case .ehlo:
            if reply.isSuccess { return mailFrom() }
            // An old server that does not know EHLO answers 500/502: fall back to HELO.
            guard reply.code >= 500 else { return fail(reply, current) }
            phase = .helo
            return .send(Self.command("HELO " + heloName))
        case .helo, .reset:
            guard reply.isSuccess else { return fail(reply, current) }
            return mailFrom()
        case .mailFrom:
            guard reply.isSuccess else { return fail(reply, current) }
            return recipient(0)
        case .recipient(let index):
            guard reply.isSuccess else { return fail(reply, current) }
            return recipient(index + 1)
        case .data:
            guard reply.code == 354 else { return fail(reply, current) }
            phase = .content
            contentSent = true
            return .send(payload)
        case .content:
            guard reply.isSuccess else { return fail(reply, current) }
            phase = .done
            return .finished(reply)
        case .done:
            return .failed(SMTPError(code: reply.code, message: "unexpected reply after the transaction ended: \(reply)", isPermanent: false, stage: current))
        }
    }

    private mutating func mailFrom() -> Step {
        phase = .mailFrom
        return .send(Self.command("MAIL FROM:<" + envelopeFrom + ">"))
    }

    private mutating func recipient(_ index: Int) -> Step {
        guard index < recipients.count else {
            phase = .data
            return .send(Self.command("DATA"))
        }
        phase = .recipient(index)
        return .send(Self.command("RCPT TO:<" + recipients[index] + ">"))
    }

    private mutating func fail(_ reply: SMTPReply, _ stage: String) -> Step {
        phase = .done
        return .failed(SMTPError.reply(reply, stage: stage))
    }

    private static func command(_ text: String) -> [UInt8] {
        Array((text + "\r\n").utf8)
    }

    /// The longest line SMTP carries, without its CRLF (RFC 5321 §4.5.3.1.6).
    public static let maximumLineLength = 998

    /// The DATA bytes for a rendered message: CRLF line ends, a leading dot doubled on every
    /// line (RFC 5321 §4.5.2), and the closing `.` line.
    public static func dataPayload(for message: String) throws(SMTPError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.utf8.count + 64)
        // Bytes, not characters: "." followed by a combining mark is still a line starting with
        // the "." byte, and must be stuffed.
        var lines = MIMEEncoding.lineBytes(message)
        if lines.last?.isEmpty == true { lines.removeLast() }
        for (number, line) in lines.enumerated() {
            guard line.count <= maximumLineLength else {
                throw SMTPError(code: nil, message: "line \(number + 1) of the message is \(line.count) bytes long; SMTP allows \(maximumLineLength)", isPermanent: true, stage: "message")
            }
            if line.first == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
            output.append(contentsOf: line)
            output.append(contentsOf: [13, 10])
        }
        output.append(contentsOf: Array(".\r\n".utf8))
        return output
    }
}
