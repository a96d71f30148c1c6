import RecouvreCore

/// The value axis of a chart: from zero to a round top, in round steps.
///
/// Steps are 1, 2, 2.5 or 5 times a power of ten, chosen so that the axis has at most
/// `maximumTicks` intervals and the top is at or above the largest value.
public struct ValueAxis: Equatable, Sendable {
    /// The distance between two ticks.
    public let step: Double
    /// The value at the top of the plot.
    public let top: Double

    /// An axis for values up to `largest`; an empty or all-zero chart gets 0…1.
    public init(largest: Double, maximumTicks: Int = 5) {
        guard largest > 0, largest.isFinite else {
            step = 0.2
            top = 1
            return
        }
        let rough = largest / Double(max(maximumTicks, 1))
        let magnitude = Self.power10(rough)
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        self.step = step
        self.top = (largest / step).rounded(.up) * step
    }

    /// The tick values, 0 included, top included.
    public var ticks: [Double] {
        let count = Int((top / step).rounded())
        return (0...count).map { Double($0) * step }
    }

    /// A tick's label: thousands grouped with a narrow no-break space, no needless decimals.
    public func label(_ value: Double) -> String {
        let decimals = step >= 1 || step == 0 ? 0 : (step * 10).rounded() == step * 10 ? 1 : 2
        return Self.grouped(value, decimals: decimals)
    }

    /// `12 500`, `2.5`, `-1 000`.
    public static func grouped(_ value: Double, decimals: Int) -> String {
        let scale = [1.0, 10, 100][min(max(decimals, 0), 2)]
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled) - whole * Int(scale)
        var text = (value < 0 && scaled > 0 ? "-" : "") + String(whole)
        if decimals > 0 {
            let padded = String(fraction)
            text += "." + String(repeating: "0", count: decimals - padded.count) + padded
        }
        return ThousandsGrouping.grouped(text, separator: "\u{202F}")
    }

    private static func power10(_ value: Double) -> Double {
        var power = 1.0
        while power > value { power /= 10 }
        while power * 10 <= value { power *= 10 }
        return power
    }
}
