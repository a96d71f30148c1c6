/// The pragmatic e-mail address rule shared by the domain and the database.
///
/// It is the same test as the SQL check `'^[^@\s]+@[^@\s]+\.[^@\s]+$'`: one `@`, no whitespace,
/// a dot in the domain part, at most 254 characters. Deliverability is the relay's business; this
/// only rejects what is certainly not an address.
public enum EmailAddress {
    /// The longest address SMTP can carry in a path (RFC 5321 §4.5.3.1.3, less the angle brackets).
    public static let maximumLength = 254

    /// Whether `s` looks like `local@domain.tld`.
    public static func isValid(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= maximumLength else { return false }
        guard !s.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "\r" || $0 == "\n" }) else {
            return false
        }
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last else { return false }
        guard !local.isEmpty else { return false }
        // The regex needs a dot with at least one character on each side somewhere in the domain.
        return domain.indices.contains { index in
            domain[index] == "." && index != domain.startIndex && domain.index(after: index) != domain.endIndex
        }
    }

    /// The domain part of a valid address, lowercased, or nil.
    public static func domain(of s: String) -> String? {
        guard isValid(s), let at = s.firstIndex(of: "@") else { return nil }
        return s[s.index(after: at)...].lowercased()
    }
}
