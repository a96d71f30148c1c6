#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who made a control request: the peer's user, as `SO_PEERCRED` tells it. Changes made
/// through the socket are recorded with this name as their author.
public struct ControlCaller: Sendable, Equatable {
    /// The peer's user id, when known.
    public var uid: UInt32?
    /// The peer's user name, or `uid:<n>` for a user without an entry in the password database.
    public var name: String

    /// A caller as given.
    public init(uid: UInt32?, name: String) {
        self.uid = uid
        self.name = name
    }

    /// A caller whose credentials are unknown (a dispatcher used without a socket).
    public static let unknown = ControlCaller(uid: nil, name: "unknown")

    /// The caller behind `peer`, its name looked up in the password database.
    public init(peer: PeerCredentials) {
        self.init(uid: peer.uid, name: Self.userName(of: peer.uid) ?? "uid:\(peer.uid)")
    }

    /// The name of user `uid`, or nil when it has none.
    static func userName(of uid: UInt32) -> String? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        let status = getpwuid_r(uid_t(uid), &entry, &buffer, buffer.count, &result)
        guard status == 0, result != nil, let name = entry.pw_name else { return nil }
        return String(cString: name)
    }
}
