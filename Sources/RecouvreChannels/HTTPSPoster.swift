import CCurl
import Foundation

/// Posts signed JSON to webhooks and SMS gateways over HTTPS, on libcurl.
///
/// Every request carries `Content-Type: application/json`, `Idempotency-Key`,
/// `X-Recouvre-Timestamp` and `X-Recouvre-Signature` (see `WebhookSignature`). Certificates are
/// always verified (against `caFile` when given); redirects are not followed; plain `http://` is
/// refused unless `allowsPlainHTTPOnLoopback` is set and the host is a loopback address. The
/// handle is kept between requests, so libcurl reuses connections.
///
/// One owner at a time; calls block the calling thread, so run them off the cooperative pool.
public final class HTTPSPoster {
    /// The limit on one whole request, connection included.
    public let timeout: Duration
    /// The limit on connecting (TCP and TLS handshake).
    public let connectTimeout: Duration
    /// The certificates to trust instead of the system's store.
    public let caFile: String?
    /// Whether `http://127.0.0.1`, `http://[::1]` and `http://localhost` are allowed.
    public let allowsPlainHTTPOnLoopback: Bool
    /// How much of an answer's body is kept.
    public static let excerptLength = 512

    private var easy: CurlEasy?

    /// A poster; nothing is connected until the first `post`.
    public init(timeout: Duration = .seconds(15), connectTimeout: Duration = .seconds(5), caFile: String? = nil, allowsPlainHTTPOnLoopback: Bool = false) {
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.caFile = caFile
        self.allowsPlainHTTPOnLoopback = allowsPlainHTTPOnLoopback
    }

    /// Posts `body` (JSON) to `url`, signed with `secret` at `now`.
    ///
    /// 2xx is delivered. 408, 429, 5xx, timeouts and connection failures are worth retrying
    /// (`isPermanent` false, `retryAfter` from the answer when given); any other answer is
    /// permanent.
    public func post(json body: [UInt8], to url: String, idempotencyKey: String, secret: [UInt8], now: Date = Date()) throws(HTTPPostError) -> HTTPPostReceipt {
        let endpoint = try checked(url)
        let key = idempotencyKey.filter { $0.isASCII && !$0.isWhitespace && !$0.isNewline && $0 != ":" }
        guard !key.isEmpty else {
            throw HTTPPostError(status: nil, message: "the idempotency key is empty", isPermanent: true)
        }
        guard let easy = easy ?? CurlEasy() else {
            throw HTTPPostError(status: nil, message: "libcurl could not make a handle", isPermanent: false)
        }
        self.easy = easy
        defer { easy.releaseLists() }

        let timestamp = Int64(now.timeIntervalSince1970.rounded(.down))
        let exchange = Exchange()
        easy.set(CURLOPT_URL, url)
        easy.set(CURLOPT_PROTOCOLS_STR, endpoint.isPlain ? "http" : "https")
        easy.set(CURLOPT_FOLLOWLOCATION, 0)
        easy.set(CURLOPT_PROXY, "")
        easy.set(CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout))
        easy.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout))
        easy.set(CURLOPT_SSL_VERIFYPEER, 1)
        easy.set(CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile { easy.set(CURLOPT_CAINFO, caFile) }
        easy.set(CURLOPT_POST, 1)
        _ = rc_setopt_off(easy.handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
        // Copied by libcurl, so the bytes need not outlive this call; an empty body still needs
        // a valid pointer.
        (body.isEmpty ? [0] : body).withUnsafeBytes { bytes in
            _ = rc_setopt_pointer(easy.handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress!))
        }
        easy.set(CURLOPT_HTTPHEADER, list: [
            "Content-Type: application/json",
            "Idempotency-Key: " + key,
            WebhookSignature.timestampHeader + ": " + String(timestamp),
            WebhookSignature.signatureHeader + ": " + WebhookSignature.sign(secret: secret, timestamp: timestamp, body: body),
            // No "100 Continue" round trip.
            "Expect:",
        ])
        exchange.attach(to: easy)

        let code = withExtendedLifetime(exchange) { easy.perform() }
        let status = easy.info(CURLINFO_RESPONSE_CODE)
        let excerpt = exchange.excerpt
        guard code == CURLE_OK, status > 0 else {
            let sentAll = easy.size(CURLINFO_SIZE_UPLOAD_T) >= Int64(body.count)
            let error = transportError(code, detail: easy.failureDetail(code), endpoint: endpoint.display, sentAll: sentAll && status == 0)
            self.easy = nil
            throw error
        }
        switch status {
        case 200..<300:
            return HTTPPostReceipt(status: status, bodyExcerpt: excerpt)
        case 408, 429, 500..<600:
            let wait = exchange.header("retry-after").flatMap { RetryAfter.delay($0, now: now) }
            throw HTTPPostError(status: status, message: "\(endpoint.display) asks to try again", isPermanent: false, retryAfter: wait, bodyExcerpt: excerpt)
        case 300..<400:
            throw HTTPPostError(status: status, message: "\(endpoint.display) redirects, and redirects are not followed: configure the final URL", isPermanent: true, bodyExcerpt: excerpt)
        default:
            throw HTTPPostError(status: status, message: "\(endpoint.display) refused the request", isPermanent: true, bodyExcerpt: excerpt)
        }
    }

    /// Closes the kept connections.
    public func close() {
        easy = nil
    }

    private struct Endpoint {
        let display: String
        let isPlain: Bool
    }

    private func checked(_ url: String) throws(HTTPPostError) -> Endpoint {
        guard let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased(), let host = parsed.host, !host.isEmpty else {
            throw HTTPPostError(status: nil, message: "\"\(url)\" is not an http(s) URL", isPermanent: true)
        }
        guard parsed.user == nil, parsed.password == nil else {
            throw HTTPPostError(status: nil, message: "the endpoint URL must not carry credentials; the request is signed instead", isPermanent: true)
        }
        let display = scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + (parsed.port.map { ":" + String($0) } ?? "")
        switch scheme {
        case "https":
            return Endpoint(display: display, isPlain: false)
        case "http":
            let loopback = ["127.0.0.1", "::1", "[::1]", "localhost"].contains(host.lowercased())
            guard allowsPlainHTTPOnLoopback, loopback else {
                throw HTTPPostError(status: nil, message: "\(display) is plain http; only https is allowed (plain http only on loopback, when explicitly allowed)", isPermanent: true)
            }
            return Endpoint(display: display, isPlain: true)
        default:
            throw HTTPPostError(status: nil, message: "\(display): the scheme must be https", isPermanent: true)
        }
    }

    private func transportError(_ code: CURLcode, detail: String, endpoint: String, sentAll: Bool) -> HTTPPostError {
        switch code {
        case CURLE_PEER_FAILED_VERIFICATION:
            let reason = detail.replacingOccurrences(of: "SSL certificate problem: ", with: "")
            let hint = caFile == nil ? "set a CA file to trust it" : "the certificate is not trusted by \(caFile!)"
            return HTTPPostError(status: nil, message: "TLS with \(endpoint): certificate verify failed: \(reason); \(hint)", isPermanent: false)
        case CURLE_SSL_CACERT_BADFILE:
            return HTTPPostError(status: nil, message: "TLS with \(endpoint): cannot use the CA file \(caFile ?? "(system)"): \(detail)", isPermanent: false)
        case CURLE_SSL_CONNECT_ERROR:
            return HTTPPostError(status: nil, message: "TLS handshake with \(endpoint) failed: \(detail)", isPermanent: false)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT:
            return HTTPPostError(status: nil, message: "cannot connect to \(endpoint): \(detail)", isPermanent: false)
        case CURLE_OPERATION_TIMEDOUT:
            return HTTPPostError(status: nil, message: "timed out with \(endpoint): \(detail)" + (sentAll ? "; the endpoint may have acted on the request" : ""),
                                 isPermanent: false, outcomeUnknown: sentAll)
        default:
            return HTTPPostError(status: nil, message: "\(endpoint): \(detail)" + (sentAll ? "; the endpoint may have acted on the request" : ""),
                                 isPermanent: false, outcomeUnknown: sentAll)
        }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    /// The answer as libcurl hands it over: header lines and the start of the body.
    private final class Exchange {
        private var headers: [(name: String, value: String)] = []
        private var body: [UInt8] = []

        var excerpt: String { String(decoding: body.prefix(HTTPSPoster.excerptLength), as: UTF8.self) }

        func header(_ name: String) -> String? {
            headers.last { $0.name == name }?.value
        }

        func headerLine(_ bytes: UnsafeBufferPointer<UInt8>) {
            let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix("HTTP/") {
                // A new answer (after an interim one): only the last one's headers count.
                headers.removeAll()
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }

        func bodyBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
            // Only an excerpt is kept; the rest is read and dropped so the connection stays usable.
            let room = HTTPSPoster.excerptLength * 4 - body.count
            if room > 0 { body.append(contentsOf: bytes.prefix(room)) }
        }

        func attach(to easy: CurlEasy) {
            let context = Unmanaged.passUnretained(self).toOpaque()
            _ = rc_setopt_callback(easy.handle, CURLOPT_HEADERFUNCTION) { buffer, size, count, context in
                guard let buffer, let context else { return 0 }
                let exchange = Unmanaged<Exchange>.fromOpaque(context).takeUnretainedValue()
                buffer.withMemoryRebound(to: UInt8.self, capacity: size * count) {
                    exchange.headerLine(UnsafeBufferPointer(start: $0, count: size * count))
                }
                return size * count
            }
            _ = rc_setopt_pointer(easy.handle, CURLOPT_HEADERDATA, context)
            _ = rc_setopt_callback(easy.handle, CURLOPT_WRITEFUNCTION) { buffer, size, count, context in
                guard let buffer, let context else { return 0 }
                let exchange = Unmanaged<Exchange>.fromOpaque(context).takeUnretainedValue()
                buffer.withMemoryRebound(to: UInt8.self, capacity: size * count) {
                    exchange.bodyBytes(UnsafeBufferPointer(start: $0, count: size * count))
                }
                return size * count
            }
            _ = rc_setopt_pointer(easy.handle, CURLOPT_WRITEDATA, context)
        }
    }
}
