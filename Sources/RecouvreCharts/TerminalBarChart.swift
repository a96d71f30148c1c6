/// A bar chart drawn with text, for a terminal: one line per bar, bars made of block
/// characters to an eighth of a character, the exact figure after each bar.
///
/// Grouped series give one line per series under each category; stacked series give one line
/// per category whose pieces are told apart by shade (or by colour when `colour` is on).
public struct TerminalBarChart: Sendable {
    public var chart: BarChart
    /// The widest bar, in characters.
    public var barWidth: Int
    /// Colour each series with ANSI escapes.
    public var colour: Bool

    public init(chart: BarChart, barWidth: Int = 40, colour: Bool = false) {
        self.chart = chart
        self.barWidth = max(barWidth, 1)
        self.colour = colour
    }

    /// The chart's lines. `figure(series, category)` is the text printed after a bar; for a
    /// stacked chart it is asked once per category with `series` nil (the stack's total).
    public func lines(figure: (_ series: Int?, _ category: Int) -> String) -> [String] {
        let largest = chart.largestBar
        let labelWidth = chart.categories.map(\.count).max() ?? 0
        let seriesWidth = chart.series.count > 1 && chart.arrangement == .grouped ? (chart.series.map(\.name.count).max() ?? 0) : 0
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(width - text.count, 0)) }
        func eighths(_ value: Double) -> Int {
            largest > 0 ? Int((max(value, 0) / largest * Double(barWidth * 8)).rounded()) : 0
        }
        var lines: [String] = []
        for (category, label) in chart.categories.enumerated() {
            switch chart.arrangement {
            case .grouped:
                for (index, series) in chart.series.enumerated() {
                    let head = pad(index == 0 ? label : "", labelWidth) + (seriesWidth > 0 ? "  " + pad(series.name, seriesWidth) : "")
                    let bar = Self.bar(eighths: eighths(series.values[category]))
                    lines.append(head + "  " + painted(pad(bar, barWidth), series: index) + "  " + figure(index, category))
                }
            case .stacked:
                var drawn = ""
                var used = 0
                var cumulative = 0.0
                for (index, series) in chart.series.enumerated() {
                    cumulative += max(series.values[category], 0)
                    // Whole characters only, rounded on the running total so the pieces add up.
                    let end = eighths(cumulative) / 8
                    let piece = String(repeating: colour ? "█" : Self.shades[index % Self.shades.count], count: max(end - used, 0))
                    drawn += painted(piece, series: index)
                    used = max(end, used)
                }
                drawn += String(repeating: " ", count: max(barWidth - used, 0))
                lines.append(pad(label, labelWidth) + "  " + drawn + "  " + figure(nil, category))
            }
        }
        if chart.arrangement == .stacked, chart.series.count > 1 {
            let key = chart.series.enumerated().map { index, series in
                painted(colour ? "█" : Self.shades[index % Self.shades.count], series: index) + " " + series.name
            }
            lines.append("")
            lines.append(key.joined(separator: "   "))
        }
        return lines
    }

    /// Full blocks, then the partial block for the remaining eighths.
    static func bar(eighths: Int) -> String {
        let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
    }

    /// The fills that tell stacked pieces apart without colour.
    static let shades = ["█", "▓", "▒", "░"]

    /// ANSI 256-colour codes close to `ChartColour.series`.
    private static let ansi = [25, 172, 36, 166, 74, 175, 185, 16]

    private func painted(_ text: String, series: Int) -> String {
        guard colour, !text.isEmpty else { return text }
        return "\u{1B}[38;5;\(Self.ansi[series % Self.ansi.count])m" + text + "\u{1B}[0m"
    }
}
