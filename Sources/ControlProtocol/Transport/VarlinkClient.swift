import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A blocking varlink client over a Unix socket, for recouvrectl and tests.
///
/// Calls on one client are serialised; the connection stays open between calls and
/// closes on ``close()`` or when the client is released. Calls block the calling
/// thread: from async code, make them on a thread of your own, not the cooperative
/// pool, which the daemon's handler may need in the same process.
public final class VarlinkClient: @unchecked Sendable {
    /// The socket's path.
    public let path: String
    /// How long a call may wait for its reply.
    public let timeout: Duration

    // Guarded by `lock`.
    private let lock = NSLock()
    private var fd: Int32
    private var decoder = VarlinkFrameDecoder(maxFrameBytes: VarlinkClient.maxReplyBytes)

    /// Replies may be far larger than calls (a thousand actions), but not unbounded.
    public static let maxReplyBytes = 16 << 20

    /// Connects to the socket at `path`.
    public init(path: String, timeout: Duration = .seconds(30)) throws(VarlinkClientError) {
        self.path = path
        self.timeout = timeout
        do {
            fd = try UnixSocket.connectStream(path: path)
        } catch {
            throw .unreachable(path: path, reason: error.reason)
        }
        UnixSocket.setSendTimeout(fd, milliseconds: UnixSocket.milliseconds(timeout))
    }

    deinit {
        close()
    }

    /// Closes the connection; later calls fail with a protocol error.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        if fd >= 0 { UnixSocket.closeDescriptor(fd) }
        fd = -1
    }

    /// Calls `method` with `parameters` and decodes the reply's parameters as `R`.
    ///
    /// Throws ``ControlError`` for an `io.recouvre.Control` error reply and
    /// ``VarlinkClientError`` for anything else.
    public func call<P: Encodable, R: Decodable>(_ method: String, _ parameters: P, replying: R.Type) throws -> R {
        let message: Data
        do {
            message = try VarlinkMessage.call(method, parameters)
        } catch {
            throw VarlinkClientError.protocolError("cannot encode the parameters of \(method): \(error)")
        }
        let reply = try exchange(message)
        return try Self.decode(reply, as: R.self)
    }

    /// Sends `method` as a `oneway` call: the daemon executes it and does not reply.
    public func callOneway<P: Encodable>(_ method: String, _ parameters: P) throws(VarlinkClientError) {
        let message: Data
        do {
            message = try VarlinkMessage.call(method, parameters, oneway: true)
        } catch {
            throw .protocolError("cannot encode the parameters of \(method): \(error)")
        }
        lock.lock()
        defer { lock.unlock() }
        try send(message)
    }

    /// Sends `bytes` as they are and returns the next message received, without its NUL.
    /// For tools and tests that speak raw varlink.
    public func exchange(raw bytes: Data) throws(VarlinkClientError) -> Data {
        lock.lock()
        defer { lock.unlock() }
        try sendBytes(bytes)
        return try receive()
    }

    /// Sends `message` framed and returns the reply message.
    public func exchange(_ message: Data) throws(VarlinkClientError) -> Data {
        lock.lock()
        defer { lock.unlock() }
        try send(message)
        return try receive()
    }

    private func send(_ message: Data) throws(VarlinkClientError) {
        try sendBytes(VarlinkMessage.frame(message))
    }

    private func sendBytes(_ bytes: Data) throws(VarlinkClientError) {
        guard fd >= 0 else { throw .protocolError("the connection is closed") }
        guard UnixSocket.sendAll(fd, bytes) else {
            throw .protocolError("cannot send: \(String(cString: strerror(errno)))")
        }
    }

    private func receive() throws(VarlinkClientError) -> Data {
        guard fd >= 0 else { throw .protocolError("the connection is closed") }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero, UnixSocket.waitReadable(fd, milliseconds: UnixSocket.milliseconds(remaining))
            else { throw .timedOut(path: path) }
            let fd = self.fd
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw .protocolError("cannot receive: \(String(cString: strerror(errno)))") }
            if count == 0 { throw .protocolError("recouvred closed the connection before replying") }
            do {
                // Replies are read one at a time and the daemon sends one per call, so at
                // most one message completes here.
                if let message = try decoder.feed(buffer[0..<count]).first { return message }
            } catch {
                throw .protocolError("a reply exceeds \(Self.maxReplyBytes) bytes")
            }
        }
    }

    /// Decodes a reply message: its parameters as `R`, or the error it carries.
    public static func decode<R: Decodable>(_ reply: Data, as type: R.Type) throws -> R {
        let envelope: ReplyEnvelope<R>
        do {
            envelope = try JSONDecoder().decode(ReplyEnvelope<R>.self, from: reply)
        } catch {
            throw VarlinkClientError.protocolError("\(error)")
        }
        if let name = envelope.error {
            let parameters = envelope.errorParameters ?? .object([:])
            if let error = ControlError(varlinkName: name, parameters: parameters) { throw error }
            var members: [String: VarlinkValue] = [:]
            if case .object(let object) = parameters { members = object }
            throw VarlinkClientError.varlinkError(VarlinkError(name: name, parameters: members))
        }
        guard let parameters = envelope.parameters else {
            throw VarlinkClientError.protocolError("a reply without parameters")
        }
        return parameters
    }

    /// A reply is either parameters of the expected type or an error with any parameters,
    /// so the parameters are decoded according to whether `error` is present.
    private struct ReplyEnvelope<R: Decodable>: Decodable {
        var error: String?
        var parameters: R?
        var errorParameters: VarlinkValue?

        enum CodingKeys: String, CodingKey { case error, parameters }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            error = try c.decodeIfPresent(String.self, forKey: .error)
            if error == nil {
                parameters = try c.decode(R.self, forKey: .parameters)
            } else {
                errorParameters = try c.decodeIfPresent(VarlinkValue.self, forKey: .parameters)
            }
        }
    }
}
