#if canImport(Glibc)
import Glibc
#endif

/// Whether stderr is connected to journald: systemd sets `JOURNAL_STREAM` to the
/// `device:inode` of the stream it connected, and sd-daemon(3) says to compare it with the
/// descriptor's, since the variable is inherited by children whose stderr may be elsewhere.
enum JournalStream {
    static func isStandardError(environment: [String: String]) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(2, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }
}
