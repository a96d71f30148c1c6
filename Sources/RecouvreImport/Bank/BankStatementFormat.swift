import Foundation

/// The bank file formats read.
public enum BankStatementFormat: String, CaseIterable, Hashable, Sendable {
    /// ISO 20022 end-of-day statement (`BkToCstmrStmt`).
    case camt053 = "camt.053"
    /// ISO 20022 debit/credit notification (`BkToCstmrDbtCdtNtfctn`).
    case camt054 = "camt.054"
    /// The French banks' fixed-width 120-character statement.
    case cfonb120 = "cfonb120"

    /// The family named on the command line: `camt` (053 or 054, told by the root) or `cfonb`.
    public enum Family: String, CaseIterable, Sendable {
        case camt, cfonb
    }

    /// Which family a file looks like: XML (after an optional byte order mark and blanks) is
    /// camt; anything else is CFONB 120.
    public static func detect(_ data: Data) -> Family {
        var bytes = data.prefix(64)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        return first == UInt8(ascii: "<") ? .camt : .cfonb
    }
}
