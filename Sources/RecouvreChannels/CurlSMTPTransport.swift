import CCurl
import Foundation
import RecouvreCore

/// A blocking SMTP client on libcurl: plain SMTP, STARTTLS (required or opportunistic), implicit
/// TLS and SMTP AUTH, with the same API as `SMTPClient`.
///
/// Certificates are always verified, against the relay's `cafile=`, the `caFile` given here, or
/// the system's store; nothing falls back to an unverified or clear connection unless the URL
/// says `starttls=opportunistic`. The easy handle is kept between messages, so libcurl reuses the
/// connection; a reused connection found dead before the message was committed is replaced once.
///
/// One owner at a time; calls block the calling thread, so run them off the cooperative pool.
public final class CurlSMTPTransport {
    /// The relay messages are handed to.
    public let relay: SMTPRelay
    /// The name sent in EHLO.
    public let heloName: String
    /// The limit on one whole send, connection included.
    public let timeout: Duration
    /// The limit on connecting (TCP and TLS handshake).
    public let connectTimeout: Duration
    /// The certificates to trust: the relay's `cafile=`, else the one given at init, else nil
    /// for the system's store.
    public let caFile: String?

    private var easy: CurlEasy?
    private var connected = false

    /// A transport for `relay`; nothing is connected until the first `send`.
    public init(relay: SMTPRelay, heloName: String = SMTPClient.hostname, timeout: Duration = .seconds(30),
                connectTimeout: Duration = .seconds(10), caFile: String? = nil) {
        self.relay = relay
        self.heloName = heloName.filter { $0.isASCII && ($0.isLetter || $0.isNumber || ".-_[]:".contains($0)) }
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.caFile = relay.caFile ?? caFile
    }

    /// Whether the last send left a connection open for the next one.
    public var isConnected: Bool { connected && easy != nil }

    /// Sends `message` to `recipients` with the envelope sender `envelopeFrom`.
    ///
    /// Returns the relay's reply to the end of the message (e.g. `250 2.0.0 Ok: queued as 4Xyz`),
    /// its evidence that it took the message. Errors say the stage, whether retrying can help,
    /// and whether the relay may have taken the message (`outcomeUnknown`); they never contain
    /// the password.
    public func send(_ message: EmailMessage, envelopeFrom: String, recipients: [String]) throws(SMTPError) -> String {
        guard EmailAddress.isValid(envelopeFrom), !envelopeFrom.contains(where: { "<>".contains($0) }) else {
            throw SMTPError(code: nil, message: "the envelope sender \"\(envelopeFrom)\" is not a valid e-mail address", isPermanent: true, stage: "MAIL FROM")
        }
        guard !recipients.isEmpty else {
            throw SMTPError(code: nil, message: "the message has no recipient", isPermanent: true, stage: "RCPT TO")
        }
        for recipient in recipients where !EmailAddress.isValid(recipient) || recipient.contains(where: { "<>".contains($0) }) {
            throw SMTPError(code: nil, message: "the recipient \"\(recipient)\" is not a valid e-mail address", isPermanent: true, stage: "RCPT TO")
        }
        let rendered = message.rendered()
        // The same limits as any SMTP payload; libcurl itself doubles leading dots.
        _ = try SMTPDialogue.dataPayload(for: rendered)
        let payload = Array(rendered.utf8)

        let reused = isConnected
        do {
            return try transfer(payload: payload, envelopeFrom: envelopeFrom, recipients: recipients, fresh: false)
        } catch let failure {
            // A reused connection the relay had closed while idle: nothing of this message was
            // committed, so one fresh attempt is safe.
            guard reused, failure.retryOnFreshConnection else { throw failure.error }
        }
        do {
            return try transfer(payload: payload, envelopeFrom: envelopeFrom, recipients: recipients, fresh: true)
        } catch {
            throw error.error
        }
    }

    /// Closes the connection (libcurl says QUIT); the next `send` reconnects.
    public func close() {
        easy = nil
        connected = false
    }

    private struct Failure: Error {
        let error: SMTPError
        let retryOnFreshConnection: Bool
    }

    private func handle() throws(Failure) -> CurlEasy {
        if let easy { return easy }
        guard let made = CurlEasy() else {
            throw Failure(error: SMTPError(code: nil, message: "libcurl could not make a handle", isPermanent: false, stage: "connect"), retryOnFreshConnection: false)
        }
        easy = made
        return made
    }

    private func transfer(payload: [UInt8], envelopeFrom: String, recipients: [String], fresh: Bool) throws(Failure) -> String {
        let easy = try handle()
        defer { easy.releaseLists() }
        let exchange = CurlSMTPExchange(payload: payload)
        configure(easy, fresh: fresh)
        easy.set(CURLOPT_MAIL_FROM, "<" + envelopeFrom + ">")
        easy.set(CURLOPT_MAIL_RCPT, list: recipients.map { "<" + $0 + ">" })
        easy.set(CURLOPT_UPLOAD, 1)
        _ = rc_setopt_off(easy.handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(payload.count))
        exchange.attach(to: easy)

        let code = withExtendedLifetime(exchange) { easy.perform() }
        if code == CURLE_OK, let reply = exchange.lastReply, exchange.repliesAfterContent > 0 {
            connected = true
            return reply
        }
        connected = false
        let reusedConnection = easy.info(CURLINFO_NUM_CONNECTS) == 0 && !fresh
        let error = classify(code, exchange: exchange, detail: easy.failureDetail(code))
        // libcurl keeps nothing usable after a failure; a new handle starts clean.
        self.easy = nil
        throw Failure(error: error, retryOnFreshConnection: reusedConnection && !exchange.dataCommandSent && error.code == nil)
    }

    private func configure(_ easy: CurlEasy, fresh: Bool) {
        easy.set(CURLOPT_URL, relay.curlURL(heloName: heloName.isEmpty ? "localhost" : heloName))
        easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        // No proxy from the environment: the relay is reached directly.
        easy.set(CURLOPT_PROXY, "")
        easy.set(CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout))
        easy.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout))
        easy.set(CURLOPT_FRESH_CONNECT, fresh ? 1 : 0)
        let useSSL: curl_usessl
        switch relay.security {
        case .none: useSSL = CURLUSESSL_NONE
        case .startTLSOpportunistic: useSSL = CURLUSESSL_TRY
        case .startTLSRequired, .implicitTLS: useSSL = CURLUSESSL_ALL
        }
        easy.set(CURLOPT_USE_SSL, Int(useSSL.rawValue))
        easy.set(CURLOPT_SSL_VERIFYPEER, 1)
        easy.set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile { easy.set(CURLOPT_CAINFO, caFile) }
        if let user = relay.user {
            easy.set(CURLOPT_USERNAME, user)
            easy.set(CURLOPT_PASSWORD, relay.password ?? "")
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    /// Turns libcurl's result and what the exchange saw into an `SMTPError`.
    private func classify(_ code: CURLcode, exchange: CurlSMTPExchange, detail: String) -> SMTPError {
        let detail = scrub(detail)
        let endpoint = relay.host + ":" + String(relay.port)
        // Everything was written and the relay never answered the end of the message: it may
        // have taken it.
        if exchange.contentRead, exchange.repliesAfterContent == 0 {
            return SMTPError(code: nil, message: "\(detail); the relay may have accepted the message", isPermanent: false, stage: "message", outcomeUnknown: true)
        }
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST:
            return SMTPError(code: nil, message: "cannot resolve \(relay.host): \(detail)", isPermanent: false, stage: "connect")
        case CURLE_COULDNT_CONNECT:
            return SMTPError(code: nil, message: "cannot connect to \(endpoint): \(detail)", isPermanent: false, stage: "connect")
        case CURLE_PEER_FAILED_VERIFICATION:
            let reason = detail.replacingOccurrences(of: "SSL certificate problem: ", with: "")
            let hint = caFile == nil ? "set cafile= to trust it" : "the certificate is not trusted by \(caFile!)"
            return SMTPError(code: nil, message: "TLS with \(endpoint): certificate verify failed: \(reason); \(hint)", isPermanent: false, stage: "TLS")
        case CURLE_SSL_CACERT_BADFILE:
            return SMTPError(code: nil, message: "TLS with \(endpoint): cannot use the CA file \(caFile ?? "(system)"): \(detail)", isPermanent: false, stage: "TLS")
        case CURLE_USE_SSL_FAILED:
            return SMTPError(code: nil, message: "\(endpoint) does not offer STARTTLS and the relay URL says starttls=required: nothing was sent in clear", isPermanent: false, stage: "STARTTLS")
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED:
            return SMTPError(code: nil, message: "TLS handshake with \(endpoint) failed: \(detail)", isPermanent: false, stage: "TLS")
        case CURLE_OPERATION_TIMEDOUT:
            let stage = exchange.replyLines.isEmpty && exchange.stage == "connect" ? "connect" : exchange.stage
            return SMTPError(code: nil, message: "timed out at \(stage) with \(endpoint): \(detail)", isPermanent: false, stage: stage)
        default:
            break
        }
        if let refusal = exchange.refusal {
            let stage = code == CURLE_LOGIN_DENIED ? "AUTH" : refusal.stage
            let text = scrub(String(refusal.line.dropFirst(3)).trimmingCharacters(in: CharacterSet(charactersIn: " -")))
            return SMTPError(code: refusal.code, message: text, isPermanent: refusal.code >= 500, stage: stage)
        }
        if code == CURLE_LOGIN_DENIED {
            return SMTPError(code: nil, message: "the relay refused the credentials: \(detail)", isPermanent: true, stage: "AUTH")
        }
        if code == CURLE_OK {
            return SMTPError(code: nil, message: "the relay gave no reply to the end of the message", isPermanent: false, stage: "message", outcomeUnknown: exchange.contentRead)
        }
        return SMTPError(code: nil, message: "\(detail) (at \(exchange.stage) with \(endpoint))", isPermanent: false, stage: exchange.stage)
    }

    /// `text` without the password, in clear or percent-encoded.
    private func scrub(_ text: String) -> String {
        guard let password = relay.password, !password.isEmpty else { return text }
        var clean = text.replacingOccurrences(of: password, with: "***")
        if let encoded = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
            clean = clean.replacingOccurrences(of: encoded, with: "***")
        }
        return clean
    }
}
