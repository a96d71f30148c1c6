import RecouvreCore

/// An earlier letter a later one recalls: its reference and the day it was sent.
public struct SentLetterReference: Sendable, Hashable {
    /// The reference printed on the earlier letter.
    public var reference: String
    /// The day it was sent.
    public var sentOn: CalendarDay

    /// Creates a reference to an earlier letter.
    public init(reference: String, sentOn: CalendarDay) {
        self.reference = reference
        self.sentOn = sentOn
    }
}
