import ControlProtocol
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Server over a Unix socket")
struct ControlServerTests {
    let directory: SocketDirectory
    let handler = InMemoryControlHandler(tenants: [.sample("acme")], actions: ["acme": [.sample(1, state: "dead")]])

    init() throws {
        directory = try SocketDirectory()
    }

    /// A server for one test. Its idle timeout is long by default: the tests that are not about
    /// it may resume late between two requests when the whole suite keeps the machine busy, and
    /// must not see their connection closed meanwhile.
    func startServer(
        access: PeerAccess = .default, maxFrameBytes: Int = 65536, idleTimeout: Duration = .seconds(900),
        maxConnections: Int = 64
    ) throws -> ControlServer {
        let server = ControlServer(
            path: directory.socket(), handler: handler, access: access, maxFrameBytes: maxFrameBytes,
            idleTimeout: idleTimeout, maxConnections: maxConnections)
        try server.start()
        return server
    }

    @Test("typed calls round-trip and daemon errors arrive as ControlError")
    func roundTrip() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try ControlClient(path: directory.socket(), timeout: .seconds(5))
        #expect(try await blocking { try client.info() }.product == "recouvred")
        #expect(try await blocking { try client.getStatus() }.tenantsTotal == 1)
        let created = try await blocking {
            try client.createTenant(CreateTenantParameters(slug: "initech", displayName: "Initech"))
        }
        #expect(created.status == "active")
        #expect(try await blocking { try client.listTenants() }.map(\.slug) == ["acme", "initech"])
        #expect(try await blocking { try client.pauseTenant(slug: "initech") }.status == "paused")
        #expect(try await blocking { try client.retryAction(tenant: "acme", id: 1) }.state == "scheduled")
        #expect(try await blocking { caught(ControlError.self) { try client.getTenant(slug: "nobody") } }
            == .tenantNotFound(slug: "nobody"))
        #expect(try await blocking { caught(ControlError.self) { try client.migrate() } } == .failed(reason: "disk on fire"))
        #expect(try await blocking { try client.runNow(tenant: nil) } == 2)
    }

    @Test("a method outside the interface surfaces as a varlink client error")
    func foreignError() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try VarlinkClient(path: directory.socket(), timeout: .seconds(5))
        let error = try await blocking {
            caught(VarlinkClientError.self) {
                try client.call("io.recouvre.Control.Explode", EmptyParameters(), replying: EmptyParameters.self)
            }
        }
        #expect(error == .varlinkError(.methodNotFound("io.recouvre.Control.Explode")))
    }

    @Test("the socket has mode 0660 while served and is removed on stop")
    func socketMode() throws {
        let server = try startServer()
        var info = stat()
        #expect(lstat(directory.socket(), &info) == 0)
        #expect(info.st_mode & 0o777 == 0o660)
        #expect(info.st_mode & 0o170000 == 0o140000)
        server.stop()
        #expect(!FileManager.default.fileExists(atPath: directory.socket()))
        #expect(throws: VarlinkClientError.self) { try VarlinkClient(path: directory.socket()) }
    }

    @Test("a peer outside the allowed users and groups gets PermissionDenied, then the connection closes")
    func refusedPeer() async throws {
        let server = try startServer(access: PeerAccess(uids: [], gids: []))
        defer { server.stop() }
        let client = try ControlClient(path: directory.socket(), timeout: .seconds(5))
        #expect(try await blocking { caught(ControlError.self) { try client.getStatus() } }
            == .permissionDenied(uid: Int(getuid())))
        let after = try await blocking { caught(VarlinkClientError.self) { try client.getStatus() } }
        #expect(after != nil)
    }

    @Test("a peer allowed by its group is served")
    func allowedByGroup() async throws {
        let server = try startServer(access: PeerAccess(uids: [], gids: [getgid()]))
        defer { server.stop() }
        let client = try ControlClient(path: directory.socket(), timeout: .seconds(5))
        #expect(try await blocking { try client.getStatus() }.version == "1.2.3")
    }

    @Test("garbage gets a structured error and the connection stays usable")
    func garbage() async throws {
        let server = try startServer()
        defer { server.stop() }
        let raw = try RawSocket(path: directory.socket())
        let (first, second) = try await blocking {
            raw.send([0xFF, 0xFE, 0x01, 0x7B, 0x00])
            let first = raw.readMessage()
            raw.send("{\"method\":\"io.recouvre.Control.GetStatus\"}\0")
            return (first.map(Self.flatten), raw.readMessage().map(Self.flatten))
        }
        #expect(first?["error"] == "org.varlink.service.InvalidParameter")
        #expect(first?["parameters.parameter"] == "request")
        #expect(second?["error"] == nil)
        #expect(second?["parameters.status.version"] == "1.2.3")
    }

    /// The string leaves of a parsed message by dotted path, for comparing across threads.
    static func flatten(_ object: [String: Any]) -> [String: String] {
        var leaves: [String: String] = [:]
        func walk(_ value: Any, _ path: String) {
            if let object = value as? [String: Any] {
                for (key, member) in object { walk(member, path.isEmpty ? key : path + "." + key) }
            } else {
                leaves[path] = "\(value)"
            }
        }
        walk(object, "")
        return leaves
    }

    @Test("an oversized message gets InvalidArgument on request, the connection closes, the server goes on")
    func oversized() async throws {
        let server = try startServer(maxFrameBytes: 1024)
        defer { server.stop() }
        let raw = try RawSocket(path: directory.socket())
        let (bytes, closed) = try await blocking {
            raw.send([UInt8](repeating: UInt8(ascii: "x"), count: 5000))
            return raw.readUntilClosed()
        }
        #expect(closed)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""error":"io.recouvre.Control.InvalidArgument""#))
        #expect(text.contains(#""field":"request""#))
        let path = directory.socket()
        #expect(try await blocking { try ControlClient(path: path, timeout: .seconds(5)).getStatus() }.ready)
    }

    @Test("a client that sends half a message and leaves does not hold the server")
    func halfMessageThenGone() async throws {
        let server = try startServer()
        defer { server.stop() }
        do {
            let raw = try RawSocket(path: directory.socket())
            raw.send("{\"method\":\"io.recouvre.Con")
            #expect(eventually { server.connectionCount == 1 })
        }
        #expect(eventually { server.connectionCount == 0 })
        let path = directory.socket()
        #expect(try await blocking { try ControlClient(path: path, timeout: .seconds(5)).getStatus() }.ready)
    }

    @Test("a refused peer that sends nothing is closed within a second, not the idle timeout")
    func refusedSilentPeer() async throws {
        let server = try startServer(access: PeerAccess(uids: [], gids: []), idleTimeout: .seconds(60))
        defer { server.stop() }
        let raw = try RawSocket(path: directory.socket())
        let (closed, elapsed) = try await blocking {
            let started = ContinuousClock.now
            let (_, closed) = raw.readUntilClosed(timeout: .seconds(10))
            return (closed, ContinuousClock.now - started)
        }
        #expect(closed)
        #expect(elapsed < .seconds(5))
    }

    @Test("a connection that does not complete a message within the idle timeout is closed")
    func idleTimeout() async throws {
        let server = try startServer(idleTimeout: .milliseconds(200))
        defer { server.stop() }
        let raw = try RawSocket(path: directory.socket())
        // Timed on the blocking thread itself: the test task may resume late when other suites
        // keep the shared pool busy, which says nothing about the server.
        let (bytes, closed, elapsed) = try await blocking {
            let started = ContinuousClock.now
            raw.send("{\"meth")
            let (bytes, closed) = raw.readUntilClosed(timeout: .seconds(5))
            return (bytes, closed, ContinuousClock.now - started)
        }
        #expect(closed)
        #expect(bytes.isEmpty)
        #expect(elapsed < .seconds(4))
    }

    @Test("connections beyond the bound are told to retry and closed")
    func connectionBound() async throws {
        let server = try startServer(maxConnections: 2)
        defer { server.stop() }
        let first = try RawSocket(path: directory.socket())
        let second = try RawSocket(path: directory.socket())
        #expect(eventually { server.connectionCount == 2 })
        let third = try RawSocket(path: directory.socket())
        let (bytes, closed) = try await blocking { third.readUntilClosed() }
        #expect(closed)
        #expect(String(decoding: bytes, as: UTF8.self).contains("too many control connections"))
        let reply = try await blocking {
            first.send("{\"method\":\"io.recouvre.Control.GetStatus\"}\0")
            return first.readMessage().map(Self.flatten)
        }
        #expect(reply?["parameters.status.version"] == "1.2.3")
        _ = second
    }

    @Test("a oneway call is executed without reply; the next call is answered")
    func oneway() async throws {
        let server = try startServer()
        defer { server.stop() }
        let client = try VarlinkClient(path: directory.socket(), timeout: .seconds(5))
        let reply = try await blocking {
            try client.callOneway("io.recouvre.Control.RunNow", RunNowParameters(tenant: "acme"))
            return try client.call("io.recouvre.Control.RunNow", RunNowParameters(), replying: RunNowReply.self)
        }
        #expect(reply.tenants == 1)
        #expect(await handler.runNowCalls == ["acme", nil])
    }

    @Test("a stale socket file is replaced; a live one or a plain file is left alone")
    func staleSocket() async throws {
        let path = directory.socket()
        let stale = try RawListener(path: path)
        stale.closeWithoutUnlinking()
        let server = try startServer()
        #expect(try await blocking { try ControlClient(path: path, timeout: .seconds(5)).getStatus() }.ready)

        let second = ControlServer(path: path, handler: handler, access: .default)
        #expect(throws: SocketError.self) { try second.start() }
        #expect(try await blocking { try ControlClient(path: path, timeout: .seconds(5)).getStatus() }.ready)
        server.stop()

        let plain = directory.socket("plain")
        #expect(FileManager.default.createFile(atPath: plain, contents: Data("keep me".utf8)))
        let third = ControlServer(path: plain, handler: handler, access: .default)
        #expect(throws: SocketError.self) { try third.start() }
        #expect(FileManager.default.contents(atPath: plain) == Data("keep me".utf8))
    }

    @Test("an adopted listening descriptor is served, and its socket file is not removed on stop")
    func adoptedDescriptor() async throws {
        let path = directory.socket()
        let listener = try RawListener(path: path)
        let server = ControlServer(adoptingListeningDescriptor: listener.fd, handler: handler, access: .default)
        try server.start()
        #expect(try await blocking { try ControlClient(path: path, timeout: .seconds(5)).getStatus() }.ready)
        server.stop()
        #expect(FileManager.default.fileExists(atPath: path))
    }
}

/// A socket bound and listening, as systemd would pass one.
final class RawListener {
    let fd: Int32

    init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
    }

    /// Closes the socket and leaves its file behind, as a daemon killed with SIGKILL does.
    func closeWithoutUnlinking() {
        _ = close(fd)
    }
}
