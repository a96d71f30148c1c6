#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Sockets systemd passed at start (sd_listen_fds(3)): descriptors from 3 on, counted by
/// `LISTEN_FDS`, named by `LISTEN_FDNAMES`, meant for the process whose pid is `LISTEN_PID`.
public struct SocketActivation: Sendable, Equatable {
    /// The first descriptor systemd passes.
    public static let firstDescriptor: Int32 = 3

    /// Passed descriptors by name (`recouvred.socket` names its socket `control`).
    public let descriptors: [String: Int32]

    /// Reads the environment; empty when the sockets are not meant for this process.
    public init(environment: [String: String], pid: Int32 = getpid()) {
        guard let listenPID = environment["LISTEN_PID"].flatMap(Int32.init), listenPID == pid,
              let count = environment["LISTEN_FDS"].flatMap(Int32.init), count > 0 else {
            descriptors = [:]
            return
        }
        let names = environment["LISTEN_FDNAMES"]?.split(separator: ":", omittingEmptySubsequences: false).map(String.init) ?? []
        var result: [String: Int32] = [:]
        for index in 0..<Int(count) {
            let name = index < names.count && !names[index].isEmpty ? names[index] : "unknown"
            result[name] = result[name] ?? Self.firstDescriptor + Int32(index)
        }
        descriptors = result
    }

    /// The control socket: the descriptor named `control`, else the only one passed.
    public var controlSocket: Int32? {
        descriptors["control"] ?? (descriptors.count == 1 ? descriptors.values.first : nil)
    }
}
