/// Why a period's rate is what it is; a formal notice states it.
public enum RateSource: String, Hashable, Sendable, Codable {
    /// The ECB main refinancing rate plus 10 points, the default between professionals
    /// (C. com. L441-10 II).
    case ecbPlusTenPoints
    /// The rate the contract sets, at or above the floor (C. com. L441-10 II).
    case contractual
    /// Three times the legal rate, because the contract set less (C. com. L441-10 II).
    case contractualFloor
    /// The legal interest rate, owed by a consumer from the formal notice (C. civ. 1231-6).
    case legalRate
}
