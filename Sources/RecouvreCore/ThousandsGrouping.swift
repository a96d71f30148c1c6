/// Writes the whole part of a plain decimal in groups of three digits, for people.
public enum ThousandsGrouping {
    /// `12345.50` → `12 345.50`, `-1234567` → `-1 234 567` (with `separator` " "). Text that is
    /// not a plain decimal — digits, an optional leading `-` and a fraction after a dot — is
    /// returned unchanged, so that a figure is never altered, only spaced.
    public static func grouped(_ text: String, separator: String) -> String {
        let negative = text.hasPrefix("-")
        let unsigned = negative ? text.dropFirst() : Substring(text)
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return text }
        var groups: [Substring] = []
        var end = whole.endIndex
        while end > whole.startIndex {
            let start = whole.index(end, offsetBy: -3, limitedBy: whole.startIndex) ?? whole.startIndex
            groups.insert(whole[start..<end], at: 0)
            end = start
        }
        return (negative ? "-" : "") + groups.joined(separator: separator) + (parts.count > 1 ? "." + parts[1] : "")
    }
}
