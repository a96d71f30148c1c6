/// How a file writes amounts and dates.
public enum CSVConvention: String, Sendable, CaseIterable {
    /// `1 234,56` (spaces, no-break or narrow no-break spaces, or dots between thousands) and
    /// `dd/mm/yyyy`; ISO dates are accepted too, since they cannot be misread.
    case french = "fr"
    /// `1234.56` or `1,234.56` and ISO dates `yyyy-mm-dd`.
    case international = "intl"

    /// The convention that goes with a separator, when none is given: French files are
    /// separated by `;` because their decimal comma would clash with `,`.
    public static func implied(bySeparator separator: UInt8) -> CSVConvention {
        separator == UInt8(ascii: ";") ? .french : .international
    }

    /// How dates are written, for messages.
    public var datePattern: String {
        self == .french ? "dd/mm/yyyy" : "yyyy-mm-dd"
    }

    /// An example amount, for messages.
    public var amountExample: String {
        self == .french ? "1 234,56" : "1234.56"
    }
}

/// The separator a header line uses: whichever of `;`, tab and `,` occurs most outside
/// quotes (`;` wins a tie, then tab), or nil when the line has none (a one-column file).
public enum SeparatorDetection {
    public static let candidates: [UInt8] = [UInt8(ascii: ";"), 0x09, UInt8(ascii: ",")]

    public static func separator<Bytes: Sequence<UInt8>>(inHeader header: Bytes) -> UInt8? {
        var counts = [UInt8: Int]()
        var quoted = false
        for byte in header {
            if byte == 0x0A { break }
            if byte == 0x22 { quoted.toggle() }
            if !quoted, candidates.contains(byte) { counts[byte, default: 0] += 1 }
        }
        var best: (UInt8, Int)?
        for candidate in candidates {
            let count = counts[candidate] ?? 0
            if count > 0, count > (best?.1 ?? 0) { best = (candidate, count) }
        }
        return best?.0
    }

    /// `;`, `,` or `tab`, for messages.
    public static func name(_ separator: UInt8) -> String {
        separator == 0x09 ? "tab" : String(UnicodeScalar(separator))
    }
}
