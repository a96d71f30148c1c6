/// What to do when a computation reaches a half-year whose rates are not yet in the table.
public enum MissingRatePolicy: String, Hashable, Sendable, Codable {
    /// Stop with `MissingLegalRate`: nothing is stated that might be wrong.
    case fail
    /// Use the latest half-year known before it and flag every period computed that way
    /// (`RatePeriod.carriedForward`), for previews and estimates.
    case carryForward
}
