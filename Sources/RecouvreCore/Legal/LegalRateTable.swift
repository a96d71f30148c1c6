import Foundation

/// The statutory rates by half-year: the published values shipped with Recouvre, extended by
/// the rows ops add as new half-years are published.
public struct LegalRateTable: Hashable, Sendable {
    /// The rates of each half-year known.
    public let entries: [HalfYear: LegalRates]

    /// Creates a table from its entries.
    public init(entries: [HalfYear: LegalRates]) {
        self.entries = entries
    }

    /// The published values, from ECB decisions and the arrêtés fixing the *taux d'intérêt légal*.
    /// The legal rates are: creditor a consumer / other cases. The table starts with H1 2015, the
    /// first half-year with two legal rates; `recouvre.legal_rates` ships the same rows.
    public static let published = LegalRateTable(entries: [
        HalfYear(year: 2015, half: 1): rates(ecb: 5, consumerCreditor: 406, otherCases: 93),
        HalfYear(year: 2015, half: 2): rates(ecb: 5, consumerCreditor: 429, otherCases: 99),
        HalfYear(year: 2016, half: 1): rates(ecb: 5, consumerCreditor: 454, otherCases: 101),
        HalfYear(year: 2016, half: 2): rates(ecb: 0, consumerCreditor: 435, otherCases: 93),
        HalfYear(year: 2017, half: 1): rates(ecb: 0, consumerCreditor: 416, otherCases: 90),
        HalfYear(year: 2017, half: 2): rates(ecb: 0, consumerCreditor: 394, otherCases: 90),
        HalfYear(year: 2018, half: 1): rates(ecb: 0, consumerCreditor: 373, otherCases: 89),
        HalfYear(year: 2018, half: 2): rates(ecb: 0, consumerCreditor: 360, otherCases: 88),
        HalfYear(year: 2019, half: 1): rates(ecb: 0, consumerCreditor: 340, otherCases: 86),
        HalfYear(year: 2019, half: 2): rates(ecb: 0, consumerCreditor: 326, otherCases: 87),
        HalfYear(year: 2020, half: 1): rates(ecb: 0, consumerCreditor: 315, otherCases: 87),
        HalfYear(year: 2020, half: 2): rates(ecb: 0, consumerCreditor: 311, otherCases: 84),
        HalfYear(year: 2021, half: 1): rates(ecb: 0, consumerCreditor: 314, otherCases: 79),
        HalfYear(year: 2021, half: 2): rates(ecb: 0, consumerCreditor: 312, otherCases: 76),
        HalfYear(year: 2022, half: 1): rates(ecb: 0, consumerCreditor: 313, otherCases: 76),
        HalfYear(year: 2022, half: 2): rates(ecb: 0, consumerCreditor: 315, otherCases: 77),
        HalfYear(year: 2023, half: 1): rates(ecb: 250, consumerCreditor: 447, otherCases: 206),
        HalfYear(year: 2023, half: 2): rates(ecb: 400, consumerCreditor: 682, otherCases: 422),
        HalfYear(year: 2024, half: 1): rates(ecb: 450, consumerCreditor: 801, otherCases: 507),
        HalfYear(year: 2024, half: 2): rates(ecb: 425, consumerCreditor: 816, otherCases: 492),
        HalfYear(year: 2025, half: 1): rates(ecb: 315, consumerCreditor: 721, otherCases: 371),
        HalfYear(year: 2025, half: 2): rates(ecb: 215, consumerCreditor: 665, otherCases: 276),
        HalfYear(year: 2026, half: 1): rates(ecb: 215, consumerCreditor: 667, otherCases: 262),
    ])

    /// The table with `rates` for `halfYear`, replacing what it had for that half-year; this is
    /// how rows kept by ops extend the published values.
    public func adding(_ rates: LegalRates, for halfYear: HalfYear) -> LegalRateTable {
        var entries = entries
        entries[halfYear] = rates
        return LegalRateTable(entries: entries)
    }

    /// The rates of `halfYear`.
    public func rates(for halfYear: HalfYear) throws(MissingLegalRate) -> LegalRates {
        guard let rates = entries[halfYear] else { throw MissingLegalRate(halfYear: halfYear) }
        return rates
    }

    /// The latest half-year before `halfYear` that has rates, with its rates; nil when there is none.
    public func latest(before halfYear: HalfYear) -> (halfYear: HalfYear, rates: LegalRates)? {
        entries.filter { $0.key < halfYear }.max { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The half-years known, oldest first.
    public var halfYears: [HalfYear] { entries.keys.sorted() }

    /// A rate given in hundredths of a percent, built exactly (no binary floating point).
    private static func percent(_ hundredths: Int) -> Decimal {
        Decimal(sign: .plus, exponent: -2, significand: Decimal(hundredths))
    }

    private static func rates(ecb: Int, consumerCreditor: Int, otherCases: Int) -> LegalRates {
        LegalRates(ecbRate: percent(ecb), legalRateConsumerCreditor: percent(consumerCreditor), legalRateOtherCases: percent(otherCases))
    }
}
