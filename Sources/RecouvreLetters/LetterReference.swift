/// A reference line under the subject, such as « Nos références : MD-2026-0042 ».
public struct LetterReference: Sendable, Hashable {
    /// What the reference is, without the colon: "Nos références", "Référence client".
    public var label: String
    /// The reference itself.
    public var value: String

    /// Creates a reference line.
    public init(label: String, value: String) {
        self.label = label
        self.value = value
    }
}
