#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who is at the other end of a Unix socket, as the kernel says.
public struct PeerCredentials: Sendable, Equatable {
    /// The peer's process id, or 0 when the system does not tell.
    public var pid: Int32
    /// The peer's effective user id.
    public var uid: UInt32
    /// The peer's effective group id.
    public var gid: UInt32
    /// The peer's supplementary groups, when the system tells them.
    public var groups: [UInt32]

    /// Credentials as given.
    public init(pid: Int32, uid: UInt32, gid: UInt32, groups: [UInt32] = []) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.groups = groups
    }

    /// The credentials of the peer connected to `fd` (`SO_PEERCRED`, and `SO_PEERGROUPS`
    /// for supplementary groups where the kernel has it).
    public static func of(descriptor fd: Int32) throws(SocketError) -> PeerCredentials {
        #if os(Linux)
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }, which Glibc's module hides.
        var credentials: (pid: Int32, uid: UInt32, gid: UInt32) = (0, 0, 0)
        var length = socklen_t(MemoryLayout<(Int32, UInt32, UInt32)>.size)
        guard getsockopt(fd, SOL_SOCKET, peerCredentialsOption, &credentials, &length) == 0 else {
            throw SocketError("getsockopt(SO_PEERCRED)", code: errno)
        }
        return PeerCredentials(
            pid: credentials.pid, uid: credentials.uid, gid: credentials.gid, groups: supplementaryGroups(fd))
        #else
        var uid = uid_t()
        var gid = gid_t()
        guard getpeereid(fd, &uid, &gid) == 0 else { throw SocketError("getpeereid", code: errno) }
        return PeerCredentials(pid: 0, uid: uid, gid: gid)
        #endif
    }

    #if os(Linux)
    // Glibc's module does not export these constants; the values are those of every
    // Linux architecture but PowerPC's.
    /// `SO_PEERCRED`.
    private static let peerCredentialsOption: Int32 = 17
    /// `SO_PEERGROUPS` (Linux 4.13).
    private static let peerGroupsOption: Int32 = 59

    private static func supplementaryGroups(_ fd: Int32) -> [UInt32] {
        var groups = [gid_t](repeating: 0, count: 256)
        var length = socklen_t(groups.count * MemoryLayout<gid_t>.size)
        let result = groups.withUnsafeMutableBytes { raw in
            getsockopt(fd, SOL_SOCKET, peerGroupsOption, raw.baseAddress, &length)
        }
        // An older kernel, or more groups than the buffer holds: the primary gid still counts.
        guard result == 0 else { return [] }
        return Array(groups.prefix(Int(length) / MemoryLayout<gid_t>.size))
    }
    #endif
}
