/// No rates are known for a half-year the computation needs.
///
/// The ECB rate and the legal rates are published shortly before each half-year starts; until
/// ops add them, a computation reaching into that half-year cannot be exact.
public struct MissingLegalRate: Error, Hashable, Sendable, CustomStringConvertible {
    /// The half-year without rates.
    public let halfYear: HalfYear

    /// Creates the error for `halfYear`.
    public init(halfYear: HalfYear) {
        self.halfYear = halfYear
    }

    /// What is missing and what to do.
    public var description: String {
        let onDay = halfYear.half == 1 ? "1 January" : "1 July"
        return "no legal rates for \(halfYear): add the rates of \(halfYear) to the rate table "
            + "(the ECB main refinancing rate in force on \(onDay) \(halfYear.year) and the two legal interest rates "
            + "published for \(halfYear)), or compute with missing rates carried forward"
    }
}
