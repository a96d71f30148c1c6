/// What an HTTP request to the metrics listener asks for, from its head.
enum MetricsHTTPRequest: Equatable {
    case metrics
    case notFound
    case notAllowed
    case malformed

    /// Reads the request line: `GET /metrics HTTP/1.1` (a query string is ignored).
    init(head: [UInt8]) {
        let text = String(decoding: head.prefix(while: { $0 != 13 && $0 != 10 }), as: UTF8.self)
        let parts = text.split(separator: " ")
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
            self = .malformed
            return
        }
        guard parts[0] == "GET" else {
            self = .notAllowed
            return
        }
        let path = parts[1].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        self = path == "/metrics" ? .metrics : .notFound
    }
}

/// The listener's answers.
enum MetricsHTTPResponse {
    case ok(text: String)
    case notFound
    case notAllowed
    case badRequest

    var bytes: [UInt8] {
        let (status, type, body): (String, String, String)
        switch self {
        case .ok(let text): (status, type, body) = ("200 OK", "text/plain; version=0.0.4; charset=utf-8", text)
        case .notFound: (status, type, body) = ("404 Not Found", "text/plain; charset=utf-8", "the metrics are at /metrics\n")
        case .notAllowed: (status, type, body) = ("405 Method Not Allowed", "text/plain; charset=utf-8", "use GET\n")
        case .badRequest: (status, type, body) = ("400 Bad Request", "text/plain; charset=utf-8", "not an HTTP/1 request\n")
        }
        let payload = Array(body.utf8)
        var head = "HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(payload.count)\r\nConnection: close\r\n"
        if case .notAllowed = self { head += "Allow: GET\r\n" }
        return Array((head + "\r\n").utf8) + payload
    }
}
