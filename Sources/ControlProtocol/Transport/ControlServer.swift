import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves `io.recouvre.Control` on a Unix stream socket.
///
/// The accept loop and every connection run on threads of their own, because they
/// block in `poll` and `recv`; only the handler runs in Swift concurrency. Each peer is
/// checked with `SO_PEERCRED` against a ``PeerAccess``: a refused peer gets
/// `io.recouvre.Control.PermissionDenied` to its first call, then the connection closes.
/// Bounds keep misbehaving clients cheap: at most ``maxConnections`` connections (more
/// are told `Failed` and closed), at most ``maxFrameBytes`` per message (a longer one is
/// answered `InvalidArgument` on field `request`, then the connection closes), and a
/// connection that does not complete a message within ``idleTimeout`` is closed.
public final class ControlServer: @unchecked Sendable {
    /// The socket's path; nil for an adopted descriptor.
    public let path: String?
    /// The longest accepted message, in bytes.
    public let maxFrameBytes: Int
    /// How long a connection may take to complete its next message.
    public let idleTimeout: Duration
    /// How many connections are served at once.
    public let maxConnections: Int

    private let dispatcher: VarlinkDispatcher
    private let access: PeerAccess
    private let acceptLoopDone = DispatchSemaphore(value: 0)

    // Guarded by `lock`, as every thread of the server reads or changes them.
    private let lock = NSLock()
    private var state = State.idle
    private var listener: Int32
    private var wakeWriter: Int32 = -1
    private var boundFile: FileIdentity?
    private var connections: Set<Int32> = []

    private enum State { case idle, running, stopped }

    private struct FileIdentity: Equatable {
        var device: UInt64
        var inode: UInt64
    }

    /// A server that will listen on `path`.
    public init(
        path: String, handler: any ControlHandler, access: PeerAccess = .default,
        maxFrameBytes: Int = 65536, idleTimeout: Duration = .seconds(60), maxConnections: Int = 64,
        info: VarlinkServiceInfo = .recouvred()
    ) {
        self.path = path
        self.listener = -1
        self.dispatcher = VarlinkDispatcher(handler: handler, info: info)
        self.access = access
        self.maxFrameBytes = maxFrameBytes
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

    /// A server accepting on `fd`, a socket already bound and listening, as systemd
    /// passes it with socket activation (`LISTEN_FDS`). The server closes it on ``stop()``
    /// but never removes the socket file, which belongs to systemd.
    public init(
        adoptingListeningDescriptor fd: Int32, handler: any ControlHandler, access: PeerAccess = .default,
        maxFrameBytes: Int = 65536, idleTimeout: Duration = .seconds(60), maxConnections: Int = 64,
        info: VarlinkServiceInfo = .recouvred()
    ) {
        self.path = nil
        self.listener = fd
        self.dispatcher = VarlinkDispatcher(handler: handler, info: info)
        self.access = access
        self.maxFrameBytes = maxFrameBytes
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

    /// Connections being served now.
    public var connectionCount: Int {
        lock.withLock { connections.count }
    }

    /// Binds (for a path), then accepts connections on a thread of its own.
    ///
    /// A socket file left by a dead daemon is replaced; one that a live process listens
    /// on, or a file that is not a socket, is an error. The socket gets mode 0660 before
    /// it listens, so no one connects through looser permissions.
    public func start() throws(SocketError) {
        lock.lock()
        defer { lock.unlock() }
        guard state == .idle else {
            throw SocketError("start", path: path, reason: "the server was already started")
        }
        if let path {
            listener = try Self.bindListener(path: path)
            boundFile = Self.identity(of: path)
        }
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else {
            let code = errno
            closeListener()
            throw SocketError("pipe", code: code)
        }
        UnixSocket.setCloseOnExec(pipeEnds[0])
        UnixSocket.setCloseOnExec(pipeEnds[1])
        UnixSocket.setNonBlocking(listener)
        wakeWriter = pipeEnds[1]
        state = .running
        let listener = self.listener
        let wakeReader = pipeEnds[0]
        let thread = Thread { [self] in
            acceptLoop(listener: listener, wakeReader: wakeReader)
            _ = close(wakeReader)
            acceptLoopDone.signal()
        }
        thread.name = "recouvre-control-accept"
        thread.start()
    }

    /// Stops accepting, ends every connection, closes the listener and removes the socket
    /// file this server created. A handler call in progress finishes, but its reply is
    /// not delivered.
    public func stop() {
        lock.lock()
        let wasRunning = state == .running
        state = .stopped
        if wasRunning {
            var byte: UInt8 = 1
            _ = write(wakeWriter, &byte, 1)
            for fd in connections { _ = shutdown(fd, Int32(SHUT_RDWR)) }
        }
        lock.unlock()
        guard wasRunning else { return }
        acceptLoopDone.wait()
        lock.withLock {
            _ = close(wakeWriter)
            wakeWriter = -1
            closeListener()
        }
    }

    private func closeListener() {
        if listener >= 0 { _ = close(listener) }
        listener = -1
        if let path, let boundFile, Self.identity(of: path) == boundFile {
            _ = unlink(path)
        }
        boundFile = nil
    }

    private func acceptLoop(listener: Int32, wakeReader: Int32) {
        var entries = [
            pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeReader, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            entries[0].revents = 0
            entries[1].revents = 0
            _ = UnixSocket.loopOnInterrupt { poll(&entries, 2, -1) }
            if entries[1].revents != 0 || entries[0].revents & Int16(POLLNVAL) != 0 { return }
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                switch errno {
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // Out of descriptors or memory: pause rather than spin until some are freed.
                    usleep(50_000)
                default:
                    break
                }
                continue
            }
            UnixSocket.setCloseOnExec(client)
            admit(client)
        }
    }

    private func admit(_ client: Int32) {
        lock.lock()
        guard state == .running else {
            lock.unlock()
            _ = close(client)
            return
        }
        guard connections.count < maxConnections else {
            lock.unlock()
            let busy = VarlinkError(.failed(
                reason: "too many control connections (\(maxConnections)); retry in a moment"))
            _ = UnixSocket.sendAll(client, VarlinkMessage.frame(VarlinkMessage.error(busy)), flags: Int32(MSG_DONTWAIT))
            _ = close(client)
            return
        }
        connections.insert(client)
        lock.unlock()
        let thread = Thread { [self] in
            serve(client)
            lock.withLock { _ = connections.remove(client) }
            _ = close(client)
        }
        thread.name = "recouvre-control-connection"
        thread.start()
    }

    private func serve(_ fd: Int32) {
        let idleMilliseconds = UnixSocket.milliseconds(idleTimeout)
        UnixSocket.setSendTimeout(fd, milliseconds: idleMilliseconds)
        let peer = try? PeerCredentials.of(descriptor: fd)
        let allowed = peer.map(access.allows) ?? false
        // Looked up once per connection: the author of every change made on it.
        let caller = allowed ? peer.map(ControlCaller.init(peer:)) ?? .unknown : .unknown
        var decoder = VarlinkFrameDecoder(maxFrameBytes: maxFrameBytes)
        var buffer = [UInt8](repeating: 0, count: 16384)
        let clock = ContinuousClock()
        // A refused peer gets a moment to send its first request (and read PermissionDenied),
        // not the idle timeout: it must not hold connection slots that allowed users need.
        var deadline = clock.now + (allowed ? idleTimeout : min(idleTimeout, .seconds(1)))
        while true {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero, UnixSocket.waitReadable(fd, milliseconds: UnixSocket.milliseconds(remaining))
            else { return }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return }
            let messages: [Data]
            do {
                messages = try decoder.feed(buffer[0..<count])
            } catch {
                let reason = "a message exceeds \(maxFrameBytes) bytes; the connection is closed"
                send(VarlinkError(.invalidArgument(field: "request", reason: reason)), to: fd)
                return
            }
            for message in messages {
                guard allowed else {
                    send(VarlinkError(.permissionDenied(uid: peer.map { Int($0.uid) } ?? -1)), to: fd)
                    return
                }
                if let reply = ReplyBox.reply(of: dispatcher, to: message, caller: caller) {
                    guard UnixSocket.sendAll(fd, VarlinkMessage.frame(reply)) else { return }
                }
            }
            if !messages.isEmpty { deadline = clock.now + idleTimeout }
        }
    }

    private func send(_ error: VarlinkError, to fd: Int32) {
        _ = UnixSocket.sendAll(fd, VarlinkMessage.frame(VarlinkMessage.error(error)))
    }

    private static func bindListener(path: String) throws(SocketError) -> Int32 {
        try removeStaleSocket(path: path)
        let fd = try UnixSocket.makeStream(path: path)
        let bound = try UnixSocket.withAddress(path) { address, length in bind(fd, address, length) }
        guard bound == 0 else {
            let code = errno
            _ = close(fd)
            throw SocketError("bind", path: path, code: code)
        }
        // Before listen(): until then every connect() is refused, so no peer gets in
        // through the umask's mode.
        guard chmod(path, 0o660) == 0 else {
            let code = errno
            _ = close(fd)
            _ = unlink(path)
            throw SocketError("chmod", path: path, code: code)
        }
        guard listen(fd, 64) == 0 else {
            let code = errno
            _ = close(fd)
            _ = unlink(path)
            throw SocketError("listen", path: path, code: code)
        }
        return fd
    }

    private static func removeStaleSocket(path: String) throws(SocketError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard info.st_mode & 0o170000 == 0o140000 else {
            throw SocketError("bind", path: path, reason: "the file exists and is not a socket; move it away or choose another path")
        }
        let probe: Int32
        do {
            probe = try UnixSocket.connectStream(path: path)
        } catch where error.code == ECONNREFUSED {
            // Left by a daemon that died: nothing listens, so it is ours to replace.
            guard unlink(path) == 0 || errno == ENOENT else {
                throw SocketError("unlink", path: path, code: errno)
            }
            return
        }
        _ = close(probe)
        throw SocketError("bind", path: path, reason: "another process is listening on it; stop it or choose another path")
    }

    private static func identity(of path: String) -> FileIdentity? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}
