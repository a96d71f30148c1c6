#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking TCP connection with timeouts: the thin I/O layer under `SMTPClient`.
///
/// Owned by one client at a time; every call blocks the calling thread for at most the timeout.
final class SMTPSocket {
    private var descriptor: Int32

    #if canImport(Glibc)
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    private static let streamType = SOCK_STREAM
    private static let sendFlags: Int32 = 0
    #endif

    /// Connects to `host:port`, trying each address the name resolves to.
    init(host: String, port: Int, timeout: Duration) throws(SMTPError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Self.streamType
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = String(cString: gai_strerror(status))
            throw SMTPError(code: nil, message: "cannot resolve \(host): \(reason)", isPermanent: false, stage: "connect")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address for \(host)"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            entry = current.pointee.ai_next
            let fd = socket(current.pointee.ai_family, current.pointee.ai_socktype, current.pointee.ai_protocol)
            guard fd >= 0 else {
                lastError = Self.errnoText()
                continue
            }
            if let failure = Self.connect(fd, current.pointee.ai_addr, current.pointee.ai_addrlen, timeout: timeout) {
                lastError = failure
                _ = posixClose(fd)
                continue
            }
            Self.configure(fd, timeout: timeout)
            descriptor = fd
            return
        }
        throw SMTPError(code: nil, message: "cannot connect to \(host):\(port): \(lastError)", isPermanent: false, stage: "connect")
    }

    deinit { close() }

    /// Whether the socket is still open on our side.
    var isOpen: Bool { descriptor >= 0 }

    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8], stage: String) throws(SMTPError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { buffer in
                send(descriptor, buffer.baseAddress, buffer.count, Self.sendFlags)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let timedOut = errno == EAGAIN || errno == EWOULDBLOCK
                throw SMTPError(code: nil, message: timedOut ? "timed out writing to the server" : "write failed: \(Self.errnoText())", isPermanent: false, stage: stage)
            }
            offset += written
        }
    }

    /// Reads what is available (at least one byte), waiting up to the timeout.
    func read(stage: String) throws(SMTPError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 { return Array(buffer[0..<count]) }
            if count == 0 {
                throw SMTPError(code: nil, message: "the server closed the connection", isPermanent: false, stage: stage)
            }
            if errno == EINTR { continue }
            let timedOut = errno == EAGAIN || errno == EWOULDBLOCK
            throw SMTPError(code: nil, message: timedOut ? "timed out waiting for the server's reply" : "read failed: \(Self.errnoText())", isPermanent: false, stage: stage)
        }
    }

    /// Closes the socket; further calls fail.
    func close() {
        if descriptor >= 0 {
            _ = posixClose(descriptor)
            descriptor = -1
        }
    }

    /// Non-blocking connect bounded by `timeout`; nil on success, else the reason.
    private static func connect(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t, timeout: Duration) -> String? {
        let flags = fcntl(fd, F_GETFL, 0)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(fd, F_SETFL, flags) }
        if posixConnect(fd, address, length) == 0 { return nil }
        guard errno == EINPROGRESS else { return errnoText() }
        var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&poller, 1, Int32(clamping: milliseconds(timeout)))
        if ready == 0 { return "timed out after \(timeout)" }
        if ready < 0 { return errnoText() }
        var failure: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &size) == 0 else { return errnoText() }
        return failure == 0 ? nil : String(cString: strerror(failure))
    }

    private static func configure(_ fd: Int32, timeout: Duration) {
        let millis = milliseconds(timeout)
        var value = timeval(tv_sec: .init(millis / 1000), tv_usec: .init((millis % 1000) * 1000))
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        // Commands are small and answered one at a time: do not let Nagle hold them back.
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let parts = duration.components
        return max(1, Int(parts.seconds) * 1000 + Int(parts.attoseconds / 1_000_000_000_000_000))
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }
}

// The POSIX names, reachable despite this type's own `close` and `connect` methods.
private func posixClose(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(fd)
    #else
    Darwin.close(fd)
    #endif
}

private func posixConnect(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t) -> Int32 {
    #if canImport(Glibc)
    Glibc.connect(fd, address, length)
    #else
    Darwin.connect(fd, address, length)
    #endif
}
