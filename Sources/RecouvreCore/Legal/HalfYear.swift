/// One half of a calendar year: 1 January–30 June (half 1) or 1 July–31 December (half 2).
///
/// French statutory rates are fixed per half-year: the ECB rate in force on 1 January applies to
/// the first half, the one in force on 1 July to the second (C. com. L441-10 II), and the
/// *taux d'intérêt légal* is published for each half (C. mon. fin. L313-2).
public struct HalfYear: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year, e.g. 2025.
    public let year: Int
    /// 1 for January–June, 2 for July–December.
    public let half: Int

    /// Creates a half-year; `half` must be 1 or 2 (use `validated(year:half:)` for outside input).
    public init(year: Int, half: Int) {
        precondition(half == 1 || half == 2, "a half-year is 1 or 2, not \(half)")
        self.year = year
        self.half = half
    }

    /// The half-year, or nil when `half` is neither 1 nor 2.
    public static func validated(year: Int, half: Int) -> HalfYear? {
        half == 1 || half == 2 ? HalfYear(year: year, half: half) : nil
    }

    /// The half-year that contains `day`.
    public init(containing day: CalendarDay) {
        self.init(year: day.year, half: day.month <= 6 ? 1 : 2)
    }

    /// 1 January or 1 July.
    public var firstDay: CalendarDay {
        CalendarDay(year: year, month: half == 1 ? 1 : 7, day: 1)
    }

    /// 30 June or 31 December.
    public var lastDay: CalendarDay {
        half == 1 ? CalendarDay(year: year, month: 6, day: 30) : CalendarDay(year: year, month: 12, day: 31)
    }

    /// The half-year that follows.
    public var next: HalfYear {
        half == 1 ? HalfYear(year: year, half: 2) : HalfYear(year: year + 1, half: 1)
    }

    /// `H2 2025`.
    public var description: String { "H\(half) \(year)" }

    /// Decodes `{"year": 2025, "half": 2}`, refusing any other half.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let year = try container.decode(Int.self, forKey: .year)
        let half = try container.decode(Int.self, forKey: .half)
        guard let valid = HalfYear.validated(year: year, half: half) else {
            throw DecodingError.dataCorruptedError(forKey: .half, in: container, debugDescription: "a half-year is 1 (January–June) or 2 (July–December), got \(half)")
        }
        self = valid
    }

    public static func < (lhs: HalfYear, rhs: HalfYear) -> Bool {
        (lhs.year, lhs.half) < (rhs.year, rhs.half)
    }
}
