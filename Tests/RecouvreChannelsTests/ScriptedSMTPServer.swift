import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A small loopback SMTP server of the tests' own, for behaviour the shared server cannot show:
/// it can drop the connection after each message, the way a relay drops an idle client.
final class ScriptedSMTPServer: Sendable {
    /// What the server does once a message has been accepted.
    enum AfterMessage: Sendable {
        /// Keep the connection open.
        case stay
        /// Close the socket without a word.
        case close
        /// Answer the next command with 421 and close.
        case reply421
        /// Take the whole message, then hang up without answering it.
        case hangUpBeforeAnswering
    }

    let port: Int
    private let listener: Int32
    private let behaviour: AfterMessage
    private let state = Mutex<(connections: Int, messages: [String])>((0, []))

    init(afterMessage: AfterMessage) throws {
        behaviour = afterMessage
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else {
            close(fd)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in self.serve() }
        thread.start()
    }

    var connections: Int { state.withLock { $0.connections } }
    var messages: [String] { state.withLock { $0.messages } }

    /// Stops accepting; the serving thread ends on the failed accept and closes the listener.
    ///
    /// Only that thread closes it: were `stop` to close it, the thread's next `accept` could
    /// land on a socket another test has opened since under the same descriptor number.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func serve() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                close(listener)
                return
            }
            state.withLock { $0.connections += 1 }
            handle(client)
            close(client)
        }
    }

    private func handle(_ fd: Int32) {
        var reader = LineReader(fd: fd)
        var afterMessage = false
        guard write(fd, "220 scripted ESMTP\r\n") else { return }
        while let line = reader.next() {
            let verb = line.prefix(4).uppercased()
            if afterMessage && behaviour == .reply421 {
                _ = write(fd, "421 4.4.2 idle too long, closing\r\n")
                return
            }
            switch verb {
            case "EHLO", "HELO", "MAIL", "RCPT", "RSET", "NOOP":
                guard write(fd, "250 OK\r\n") else { return }
            case "QUIT":
                _ = write(fd, "221 bye\r\n")
                return
            case "DATA":
                guard write(fd, "354 go ahead\r\n") else { return }
                var content: [String] = []
                while let dataLine = reader.next(), dataLine != "." { content.append(dataLine) }
                let count = state.withLock { state -> Int in
                    state.messages.append(content.joined(separator: "\r\n"))
                    return state.messages.count
                }
                if behaviour == .hangUpBeforeAnswering { return }
                guard write(fd, "250 OK: queued as Q\(count)\r\n") else { return }
                afterMessage = true
                if behaviour == .close { return }
            default:
                guard write(fd, "500 unknown command\r\n") else { return }
            }
        }
    }

    private func write(_ fd: Int32, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    private struct LineReader {
        let fd: Int32
        var buffer: [UInt8] = []

        mutating func next() -> String? {
            while true {
                if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    var line = Array(buffer[..<end])
                    buffer.removeSubrange(...end)
                    if line.last == UInt8(ascii: "\r") { line.removeLast() }
                    return String(decoding: line, as: UTF8.self)
                }
                var chunk = [UInt8](repeating: 0, count: 4096)
                let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return nil }
                buffer.append(contentsOf: chunk[0..<count])
            }
        }
    }
}
