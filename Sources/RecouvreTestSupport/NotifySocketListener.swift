#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A datagram socket standing in for systemd's `NOTIFY_SOCKET`: it receives what a daemon
/// sends with the sd_notify protocol, so tests can assert READY=1, WATCHDOG=1, STOPPING=1.
public final class NotifySocketListener: Sendable {
    public let path: String
    private let receiver: Receiver

    /// Owns the descriptor. Only its thread closes it, after it stopped reading, so the
    /// descriptor number can never be read from or closed once another test reuses it.
    private final class Receiver: @unchecked Sendable {
        let fd: Int32
        let path: String
        private let lock = NSLock()
        private var received: [String] = []
        /// When each datagram arrived, taken on the receiving thread (which no busy test
        /// process delays, unlike a task waiting for the shared pool).
        private var arrivals: [ContinuousClock.Instant] = []
        private var stopped = false

        init(fd: Int32, path: String) {
            self.fd = fd
            self.path = path
        }

        var messages: [String] { lock.withLock { received } }
        var timedMessages: [(at: ContinuousClock.Instant, message: String)] {
            lock.withLock { Array(zip(arrivals, received)).map { (at: $0.0, message: $0.1) } }
        }
        func stop() { lock.withLock { stopped = true } }

        func run() {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !lock.withLock({ stopped }) {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count > 0 {
                    let message = String(decoding: buffer[0..<count], as: UTF8.self)
                    let now = ContinuousClock.now
                    lock.withLock {
                        received.append(message)
                        arrivals.append(now)
                    }
                }
            }
            close(fd)
            unlink(path)
        }
    }

    public init(directory: URL) throws {
        path = directory.appendingPathComponent("notify.sock").path
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        // Wakes the receiving thread regularly so that it notices when to stop.
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        receiver = Receiver(fd: fd, path: path)
        let receiver = self.receiver
        Thread { receiver.run() }.start()
    }

    deinit { receiver.stop() }

    /// Every datagram received so far.
    public var messages: [String] { receiver.messages }

    /// When each datagram containing `line` arrived, in order.
    public func arrivals(of line: String) -> [ContinuousClock.Instant] {
        receiver.timedMessages.filter { $0.message.split(separator: "\n").contains(Substring(line)) }.map(\.at)
    }

    /// Waits until a datagram contains `line` (e.g. "READY=1"), or the deadline passes.
    public func waitFor(_ line: String, timeout: Duration = .seconds(20)) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        func received() -> Bool { messages.contains { $0.split(separator: "\n").contains(Substring(line)) } }
        while clock.now < deadline {
            if received() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        // A last look: a busy test process may resume this task only after the deadline.
        return received()
    }
}
