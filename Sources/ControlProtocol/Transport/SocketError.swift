#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A system call on a control socket failed.
public struct SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being done, e.g. `bind`.
    public var operation: String
    /// The socket's path, when there is one.
    public var path: String?
    /// The `errno` of the failure, or 0 when the failure is not a system error.
    public var code: Int32
    /// Why, for people.
    public var reason: String

    /// A failure of `operation` on `path` with `errno` `code`.
    public init(_ operation: String, path: String? = nil, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
        self.reason = String(cString: strerror(code))
    }

    /// A failure of `operation` on `path` explained by `reason`.
    public init(_ operation: String, path: String? = nil, reason: String) {
        self.operation = operation
        self.path = path
        self.code = 0
        self.reason = reason
    }

    /// E.g. `bind /run/recouvre/control.sock: Permission denied`.
    public var description: String {
        if let path { return "\(operation) \(path): \(reason)" }
        return "\(operation): \(reason)"
    }
}
