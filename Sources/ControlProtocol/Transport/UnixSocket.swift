import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few system calls the control socket needs, with errors turned into ``SocketError``.
enum UnixSocket {
    /// Longest path `sockaddr_un` holds, NUL included.
    static var maxPathBytes: Int {
        MemoryLayout.size(ofValue: sockaddr_un().sun_path)
    }

    /// A new stream socket, closed on exec.
    static func makeStream(path: String?) throws(SocketError) -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw SocketError("socket", path: path, code: errno) }
        return fd
    }

    /// Calls `body` with the address of `path`.
    static func withAddress<T>(
        _ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T
    ) throws(SocketError) -> T {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count < maxPathBytes else {
            throw SocketError(
                "address", path: path,
                reason: "a socket path must have 1 to \(maxPathBytes - 1) bytes; choose a shorter path")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
    }

    /// A socket connected to `path`.
    static func connectStream(path: String) throws(SocketError) -> Int32 {
        let fd = try makeStream(path: path)
        let result = try withAddress(path) { address, length in
            loopOnInterrupt { connect(fd, address, length) }
        }
        guard result == 0 else {
            let code = errno
            closeDescriptor(fd)
            throw SocketError("connect", path: path, code: code)
        }
        return fd
    }

    /// Closes `fd`, for types whose own `close()` hides the system call.
    static func closeDescriptor(_ fd: Int32) {
        _ = close(fd)
    }

    /// Retries `call` while it fails with `EINTR`.
    static func loopOnInterrupt(_ call: () -> Int32) -> Int32 {
        while true {
            let result = call()
            if result >= 0 || errno != EINTR { return result }
        }
    }

    /// Sets `O_NONBLOCK` on `fd`.
    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    /// Sets `FD_CLOEXEC` on `fd`.
    static func setCloseOnExec(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFD)
        if flags >= 0 { _ = fcntl(fd, F_SETFD, flags | FD_CLOEXEC) }
    }

    /// Bounds how long a blocking send may wait for a peer that does not read.
    static func setSendTimeout(_ fd: Int32, milliseconds: Int) {
        var value = timeval(tv_sec: milliseconds / 1000, tv_usec: .init((milliseconds % 1000) * 1000))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Waits until `fd` is readable, the peer hangs up, or `milliseconds` pass (-1: forever).
    /// Returns false on timeout.
    static func waitReadable(_ fd: Int32, milliseconds: Int) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let result = loopOnInterrupt { poll(&entry, 1, Int32(clamping: milliseconds)) }
        return result != 0
    }

    /// Sends all of `data`; false when the peer is gone or too slow.
    static func sendAll(_ fd: Int32, _ data: Data, flags: Int32 = 0) -> Bool {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                let sent = send(fd, base + offset, raw.count - offset, flags | noSignal)
                if sent < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += sent
            }
            return true
        }
    }

    /// Keeps a peer that hung up from killing the process with SIGPIPE.
    static var noSignal: Int32 {
        #if canImport(Glibc)
        Int32(MSG_NOSIGNAL)
        #else
        0
        #endif
    }

    /// Milliseconds in `duration`, at least 1.
    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let total = seconds.multipliedReportingOverflow(by: 1000)
        guard !total.overflow else { return Int(Int32.max) }
        return max(1, Int(clamping: total.partialValue + attoseconds / 1_000_000_000_000_000))
    }
}
