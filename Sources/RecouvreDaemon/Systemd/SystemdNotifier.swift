#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Speaks systemd's notify protocol (sd_notify(3)): datagrams of `KEY=value` lines sent to the
/// Unix socket named by `NOTIFY_SOCKET` (a path, or `@name` for the abstract namespace).
/// Without `NOTIFY_SOCKET` every call does nothing, so the daemon runs the same outside systemd.
public struct SystemdNotifier: Sendable {
    /// The socket address, or nil when not run by systemd.
    public let socketPath: String?
    /// Interval between `WATCHDOG=1` pings: half of `WATCHDOG_USEC`, or nil when not asked for.
    public let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        if let usec = environment["WATCHDOG_USEC"].flatMap(Int64.init), usec > 0,
           environment["WATCHDOG_PID"].flatMap(Int32.init).map({ $0 == getpid() }) ?? true {
            watchdogInterval = .microseconds(usec / 2)
        } else {
            watchdogInterval = nil
        }
    }

    /// `READY=1` with a status line.
    public func ready(status: String) { send("READY=1\nSTATUS=\(status)") }
    /// `STATUS=` line shown by `systemctl status`.
    public func status(_ text: String) { send("STATUS=\(text)") }
    /// `STOPPING=1`.
    public func stopping() { send("STOPPING=1\nSTATUS=stopping") }
    /// `WATCHDOG=1`.
    public func watchdog() { send("WATCHDOG=1") }
    /// `RELOADING=1` with the `MONOTONIC_USEC` that `Type=notify-reload` requires: the time
    /// of CLOCK_MONOTONIC when the reload began, in microseconds. `READY=1` ends the reload.
    public func reloading() {
        send("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())\nSTATUS=reloading the configuration")
    }

    /// CLOCK_MONOTONIC, in microseconds.
    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    /// Sends one datagram; errors are ignored, as sd_notify's are: the service must not fail
    /// because its supervisor went away.
    public func send(_ message: String) {
        guard let path = socketPath else { return }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var pathBytes = Array(path.utf8)
        if pathBytes.first == UInt8(ascii: "@") { pathBytes[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard pathBytes.count < capacity else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in pathBytes.enumerated() { buffer[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count + (pathBytes.first == 0 ? 0 : 1))
        let bytes = Array(message.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                sendto(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL), socketAddress, length)
            }
        }
    }
}
