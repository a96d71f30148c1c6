import Foundation

/// An exact amount of money in one currency.
///
/// The amount is a `Decimal` kept to at most two fraction digits (cents); it is never converted
/// through `Double`. Amounts from outside should be parsed from their decimal text with
/// `Money(parsing:currency:)`.
public struct Money: Hashable, Sendable {
    /// The amount, with at most two fraction digits.
    public let amount: Decimal
    /// The ISO 4217 currency code, e.g. `EUR`.
    public let currency: String

    /// Creates an amount; more than two fraction digits are rounded half away from zero.
    public init(amount: Decimal, currency: String = "EUR") {
        self.amount = Self.roundedToCents(amount)
        self.currency = currency.uppercased()
    }

    /// Parses decimal text such as `1234.56` or `-0.10`; nil when it is not a plain decimal number.
    public init?(parsing text: String, currency: String = "EUR") {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard Self.isPlainDecimal(trimmed), let value = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")) else {
            return nil
        }
        self.init(amount: value, currency: currency)
    }

    /// Creates an amount from integer minor units (cents).
    public init(minorUnits: Int64, currency: String = "EUR") {
        self.init(amount: Decimal(minorUnits) / 100, currency: currency)
    }

    /// The amount in minor units (cents), or nil if it does not fit in 64 bits.
    public var minorUnits: Int64? {
        Int64(Self.centsDigits(amount).text)
    }

    /// Zero in `currency`.
    public static func zero(_ currency: String = "EUR") -> Money { Money(amount: 0, currency: currency) }

    /// Whether the amount is above zero.
    public var isPositive: Bool { amount > 0 }

    /// The sum, or nil when the currencies differ.
    public func adding(_ other: Money) -> Money? {
        guard other.currency == currency else { return nil }
        return Money(amount: amount + other.amount, currency: currency)
    }

    /// The amount written for a reader of `locale`.
    ///
    /// French: `1 234,56 €` (narrow no-break space U+202F between groups, no-break space U+00A0
    /// before the currency). English: `€1,234.56`. Other currencies show their code:
    /// `1 234,56 USD`, `USD 1,234.56`.
    public func formatted(_ locale: MessageLocale) -> String {
        let (negative, digits) = Self.centsDigits(amount)
        let padded = String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        let integerDigits = String(padded.dropLast(2))
        let fraction = String(padded.suffix(2))
        let sign = negative ? "-" : ""
        switch locale {
        case .fr:
            let number = ThousandsGrouping.grouped(integerDigits, separator: "\u{202F}") + "," + fraction
            let unit = currency == "EUR" ? "€" : currency
            return sign + number + "\u{00A0}" + unit
        case .en:
            let number = ThousandsGrouping.grouped(integerDigits, separator: ",") + "." + fraction
            let unit = currency == "EUR" ? "€" : currency + "\u{00A0}"
            return sign + unit + number
        }
    }

    /// `amounts` summed per currency, in the order currencies first appear; never adds two
    /// currencies together.
    public static func totals(_ amounts: [Money]) -> [Money] {
        var sums: [Money] = []
        for amount in amounts {
            if let index = sums.firstIndex(where: { $0.currency == amount.currency }), let sum = sums[index].adding(amount) {
                sums[index] = sum
            } else {
                sums.append(amount)
            }
        }
        return sums
    }

    /// The amount with two decimals and the currency code, as machines and ops read it:
    /// `1250.40 EUR`, `-3.00 USD`.
    public var plainText: String {
        let (negative, digits) = Self.centsDigits(amount)
        let padded = String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        return (negative ? "-" : "") + padded.dropLast(2) + "." + padded.suffix(2) + " " + currency
    }

    /// The absolute amount in cents as decimal digits, and its sign.
    static func centsDigits(_ value: Decimal) -> (negative: Bool, text: String) {
        var scaled = value * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        let negative = rounded < 0
        let magnitude = negative ? -rounded : rounded
        // An integral Decimal prints its exact digits, with no exponent or separators.
        let text = magnitude.description
        return (negative, text.allSatisfy(\.isNumber) ? text : "0")
    }

    static func roundedToCents(_ value: Decimal) -> Decimal {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, 2, .plain)
        return rounded
    }

    private static func isPlainDecimal(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty else { return false }
        guard parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return false }
        return parts.count == 1 || !parts[1].isEmpty
    }
}
