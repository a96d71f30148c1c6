/// Where each bar of a chart goes inside its plot area: pure geometry, no drawing.
///
/// Coordinates grow rightwards and downwards, as on a page; the value axis runs from the
/// bottom of the plot (zero) to its top (`axis.top`). Negative values draw no bar.
public struct BarChartLayout: Equatable, Sendable {
    /// A rectangle in chart units.
    public struct Rectangle: Equatable, Sendable {
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double

        public init(x: Double, y: Double, width: Double, height: Double) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }

        public var bottom: Double { y + height }
        public var centreX: Double { x + width / 2 }
    }

    /// One bar (or one piece of a stack).
    public struct Bar: Equatable, Sendable {
        public var category: Int
        public var series: Int
        public var frame: Rectangle
    }

    /// The share of a category's slot its bars fill; the rest separates the categories.
    static let fill = 0.7

    public let plot: Rectangle
    public let axis: ValueAxis
    public let bars: [Bar]
    /// The width of each category's slot.
    public let slotWidth: Double

    /// Lays `chart` out in `plot` against `axis`.
    public init(chart: BarChart, plot: Rectangle, axis: ValueAxis) {
        self.plot = plot
        self.axis = axis
        let count = max(chart.categories.count, 1)
        slotWidth = plot.width / Double(count)
        let groupWidth = slotWidth * Self.fill
        func height(_ value: Double) -> Double { max(value, 0) / axis.top * plot.height }
        var bars: [Bar] = []
        for category in chart.categories.indices {
            let groupLeft = plot.x + Double(category) * slotWidth + (slotWidth - groupWidth) / 2
            switch chart.arrangement {
            case .grouped:
                let barWidth = groupWidth / Double(max(chart.series.count, 1))
                for (index, series) in chart.series.enumerated() {
                    let h = height(series.values[category])
                    bars.append(Bar(category: category, series: index,
                                    frame: Rectangle(x: groupLeft + Double(index) * barWidth, y: plot.bottom - h,
                                                     width: barWidth, height: h)))
                }
            case .stacked:
                var base = plot.bottom
                for (index, series) in chart.series.enumerated() {
                    let h = height(series.values[category])
                    base -= h
                    bars.append(Bar(category: category, series: index,
                                    frame: Rectangle(x: groupLeft, y: base, width: groupWidth, height: h)))
                }
            }
        }
        self.bars = bars
    }

    /// The vertical position of `value` on the axis.
    public func y(of value: Double) -> Double {
        plot.bottom - value / axis.top * plot.height
    }

    /// The horizontal centre of a category's slot.
    public func centre(ofCategory category: Int) -> Double {
        plot.x + (Double(category) + 0.5) * slotWidth
    }
}
