#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// Where log lines go: the process's stderr, one `write` per line so that lines from
/// several threads never interleave; or, in tests, a list kept in memory.
public final class LogOutput: Sendable {
    private enum Target {
        case standardError
        case memory([String])
    }

    private let target: Mutex<Target>
    /// Whether stderr is connected to the journal (see ``JournalStream``).
    public let journal: Bool

    private init(_ target: Target, journal: Bool) {
        self.target = Mutex(target)
        self.journal = journal
    }

    /// The process's stderr; `journal` when it is the journal's stream.
    public static func standardError(journal: Bool) -> LogOutput { LogOutput(.standardError, journal: journal) }

    /// Keeps the lines, for tests.
    public static func memory(journal: Bool = false) -> LogOutput { LogOutput(.memory([]), journal: journal) }

    /// The lines kept by a memory output.
    public var lines: [String] {
        target.withLock { target in
            if case .memory(let lines) = target { return lines }
            return []
        }
    }

    func write(_ line: String) {
        target.withLock { target in
            switch target {
            case .standardError:
                let bytes = Array((line + "\n").utf8)
                var offset = 0
                while offset < bytes.count {
                    let written = bytes[offset...].withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
                    if written < 0 && errno == EINTR { continue }
                    if written <= 0 { return }
                    offset += written
                }
            case .memory(var lines):
                lines.append(line)
                target = .memory(lines)
            }
        }
    }
}
