import Foundation

/// Money as the procedure's SQL and replies write it: a dot and exactly two decimals.
public enum MoneyText {
    /// `1250.4` → `1250.40`, `7` → `7.00`; rounds half away from zero beyond two decimals.
    public static func twoDecimals(_ value: Decimal) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, 2, .plain)
        let text = rounded.description
        guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        return text + String(repeating: "0", count: max(0, 2 - decimals))
    }
}
