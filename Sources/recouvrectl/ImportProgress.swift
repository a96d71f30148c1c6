import Foundation

/// What an import says while it runs, on stderr: a line redrawn with bytes and lines read on
/// a terminal, and one line per phase otherwise (and on a terminal too, once a phase ends).
final class ImportProgress {
    private let live: Bool
    private let clock = ContinuousClock()
    private var drawn = false
    private var lastDraw: ContinuousClock.Instant
    private let started: ContinuousClock.Instant

    init(live: Bool) {
        self.live = live
        started = clock.now
        lastDraw = started
    }

    /// Whether stderr is a terminal.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Seconds since the import started.
    var elapsed: Double {
        let (seconds, attoseconds) = (clock.now - started).components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// A phase begins or ends: one line.
    func phase(_ line: String) {
        clear()
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Bytes of the file read so far; redrawn at most ten times a second, on a terminal only.
    func reading(_ bytes: Int, of total: Int, lines: Int) {
        guard live else { return }
        let now = clock.now
        guard now - lastDraw >= .milliseconds(100) else { return }
        lastDraw = now
        let width = 30
        let filled = total <= 0 ? width : min(width, Int(Double(bytes) / Double(total) * Double(width)))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
        let text = "\r\(bar)  \(Self.megabytes(bytes))/\(Self.megabytes(total)) MB  \(lines) lines"
        FileHandle.standardError.write(Data(text.utf8))
        drawn = true
    }

    /// Takes the redrawn line away.
    func clear() {
        guard drawn else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 72) + "\r").utf8))
        drawn = false
    }

    /// `12.3`.
    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f", Double(bytes) / 1_000_000)
    }
}
