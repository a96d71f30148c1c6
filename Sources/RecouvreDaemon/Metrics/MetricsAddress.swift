/// Where the metrics listener binds: a loopback address and a port, from `metrics.listen`
/// (`127.0.0.1:9464`, `[::1]:9464`, `localhost:9464`). Only loopback: the metrics say how
/// much work each channel does, which is the operator's business, and the listener has no
/// authentication; a Prometheus elsewhere scrapes through a proxy or an SSH tunnel.
struct MetricsAddress: Sendable, Equatable {
    enum Family: Sendable, Equatable { case ipv4, ipv6 }

    let family: Family
    /// The IPv4 address's four bytes (127.x.x.x); unused for IPv6, which is always ::1.
    let ipv4: [UInt8]
    let port: Int

    /// Parses `text`; throws a message saying what is wrong and what to write instead.
    init(parsing text: String) throws(MetricsAddressError) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw MetricsAddressError("'\(text)' is not HOST:PORT; write e.g. [::1]:9464")
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw MetricsAddressError("'\(text)' has no port; write e.g. 127.0.0.1:9464") }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard let port = Int(portText), (0...65_535).contains(port) else {
            throw MetricsAddressError("'\(portText)' is not a port; use 1 to 65535, e.g. 9464")
        }
        self.port = port
        if host == "::1" {
            family = .ipv6
            ipv4 = []
            return
        }
        let octets = host == "localhost" ? ["127", "0", "0", "1"] : host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let bytes = octets.compactMap { UInt8($0) }
        guard octets.count == 4, bytes.count == 4 else {
            throw MetricsAddressError("'\(host)' is not an IP address; the metrics listen on loopback: 127.0.0.1, ::1 or localhost")
        }
        guard bytes[0] == 127 else {
            throw MetricsAddressError("'\(host)' is not a loopback address; the metrics listen on loopback only "
                                      + "(127.0.0.1, ::1 or localhost): scrape from elsewhere through a proxy or an SSH tunnel")
        }
        family = .ipv4
        ipv4 = bytes
    }
}

/// A `metrics.listen` value that cannot be used.
struct MetricsAddressError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
