/// The language a message to a debtor is written in.
public enum MessageLocale: String, Sendable, Codable, CaseIterable {
    /// French.
    case fr
    /// English.
    case en
}
