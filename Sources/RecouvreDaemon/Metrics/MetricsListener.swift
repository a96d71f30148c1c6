import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 server on a loopback address that answers `GET /metrics` with the
/// Prometheus text exposition, for a Prometheus on the same host.
///
/// One thread of its own accepts and answers connections one at a time (a scrape every few
/// seconds needs no more); it never runs on the cooperative pool. Each connection gets a few
/// seconds to send its request and is closed after the answer.
final class MetricsListener: Sendable {
    /// The port bound (the configured one, or the kernel's choice for port 0).
    let port: Int
    private let descriptor: Int32
    private let exposition: @Sendable () async -> String
    private let closed = LockedValue(false)

    /// Binds `address`; throws when the port is taken or the address unusable.
    init(address: MetricsAddress, exposition: @escaping @Sendable () async -> String) throws {
        self.exposition = exposition
        let domain = address.family == .ipv4 ? AF_INET : AF_INET6
        let fd = socket(domain, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw MetricsListenerError("socket", errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        let bound: Int32
        switch address.family {
        case .ipv4:
            var sin = sockaddr_in()
            sin.sin_family = sa_family_t(AF_INET)
            sin.sin_port = in_port_t(UInt16(address.port).bigEndian)
            sin.sin_addr.s_addr = (UInt32(address.ipv4[0]) << 24 | UInt32(address.ipv4[1]) << 16
                                   | UInt32(address.ipv4[2]) << 8 | UInt32(address.ipv4[3])).bigEndian
            bound = withUnsafePointer(to: &sin) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .ipv6:
            var sin6 = sockaddr_in6()
            sin6.sin6_family = sa_family_t(AF_INET6)
            sin6.sin6_port = in_port_t(UInt16(address.port).bigEndian)
            sin6.sin6_addr = in6addr_loopback
            bound = withUnsafePointer(to: &sin6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw MetricsListenerError("bind", code)
        }
        var actual = sockaddr_in6()
        var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        // sin_port and sin6_port sit at the same offset.
        port = Int(UInt16(bigEndian: actual.sin6_port))
        descriptor = fd
    }

    /// Starts answering, on a thread of its own.
    func start() {
        let thread = Thread { [self] in serve() }
        thread.name = "recouvred metrics"
        thread.start()
    }

    /// Stops accepting; the thread ends at its next turn.
    func close() {
        var first = false
        closed.modify { isClosed in
            first = !isClosed
            isClosed = true
        }
        guard first else { return }
        shutdown(descriptor, Int32(SHUT_RDWR))
        Glibc.close(descriptor)
    }

    private func serve() {
        while !closed.get() {
            let connection = accept(descriptor, nil, nil)
            if connection < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            answer(connection)
            Glibc.close(connection)
        }
    }

    private func answer(_ connection: Int32) {
        var timeout = timeval(tv_sec: 3, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 2048)
        while request.count < 8192, !request.containsHeaderEnd {
            let count = read(connection, &buffer, buffer.count)
            if count <= 0 { return }
            request += buffer[0..<count]
        }
        let response: MetricsHTTPResponse
        switch MetricsHTTPRequest(head: request) {
        case .metrics: response = .ok(text: scrape())
        case .notFound: response = .notFound
        case .notAllowed: response = .notAllowed
        case .malformed: response = .badRequest
        }
        let bytes = response.bytes
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            if count <= 0 { return }
            sent += count
        }
    }

    /// The exposition, computed on the cooperative pool while this thread waits for it (at most
    /// ten seconds: a database that does not answer makes a scrape without the queue gauges).
    private func scrape() -> String {
        let result = LockedValue<String?>(nil)
        let done = DispatchSemaphore(value: 0)
        let exposition = self.exposition
        Task {
            result.set(await exposition())
            done.signal()
        }
        _ = done.wait(timeout: .now() + 10)
        return result.get() ?? "# the metrics could not be gathered in time\n"
    }
}

private extension Array where Element == UInt8 {
    var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for index in 0...(count - 4) where self[index] == 13 && self[index + 1] == 10 && self[index + 2] == 13 && self[index + 3] == 10 {
            return true
        }
        return false
    }
}

/// The listener could not be set up.
struct MetricsListenerError: Error, CustomStringConvertible {
    let description: String
    init(_ call: String, _ code: Int32) {
        description = "metrics listener: \(call) failed: \(String(cString: strerror(code)))"
            + (code == EADDRINUSE ? "; another process has the port: choose another with metrics.listen" : "")
    }
}
