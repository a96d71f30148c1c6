#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which peers may use the control socket: those whose user id is listed, or whose
/// primary or supplementary group id is listed (config keys `control.allowed_uids`
/// and `control.allowed_gids`).
public struct PeerAccess: Sendable, Equatable {
    /// Allowed user ids.
    public var uids: Set<UInt32>
    /// Allowed group ids.
    public var gids: Set<UInt32>

    /// Access for `uids` and `gids`.
    public init(uids: Set<UInt32>, gids: Set<UInt32> = []) {
        self.uids = uids
        self.gids = gids
    }

    /// The daemon's own user and root.
    public static var `default`: PeerAccess {
        PeerAccess(uids: [0, getuid()], gids: [])
    }

    /// Whether `peer` may use the socket.
    public func allows(_ peer: PeerCredentials) -> Bool {
        uids.contains(peer.uid) || gids.contains(peer.gid) || peer.groups.contains(where: gids.contains)
    }
}
