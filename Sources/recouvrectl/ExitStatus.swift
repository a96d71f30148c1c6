import Foundation

/// recouvrectl's exit codes, documented in docs/control-protocol.md.
enum ExitStatus {
    /// The command did what was asked.
    static let success: Int32 = 0
    /// The daemon refused the request or failed.
    static let refused: Int32 = 1
    /// The command line is wrong.
    static let usage: Int32 = 2
    /// The daemon cannot be reached.
    static let unreachable: Int32 = 3
}

extension ExitStatus {
    /// Ends the process with `code`; exit(3) flushes stdout.
    static func terminate(_ code: Int32) -> Never {
        exit(code)
    }
}
