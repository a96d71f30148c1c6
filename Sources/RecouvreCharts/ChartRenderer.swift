import Foundation

/// Draws a `BarChart` as a PNG image or an SVG document with cairo and pango, in DejaVu Sans:
/// title and subtitle, a legend when there are several series, a value axis with round ticks
/// and grid lines, category labels (turned when they do not fit), and the value on each bar
/// when it fits.
///
/// A render is synchronous and self-contained, so a renderer may be used from any thread.
public struct ChartRenderer: Sendable {
    /// The size in pixels (PNG) or points (SVG).
    public var width: Int
    public var height: Int

    public init(width: Int = 960, height: Int = 540) {
        self.width = width
        self.height = height
    }

    private static let family = "DejaVu Sans"
    private static let titleFont = "\(family) Bold 18"
    private static let subtitleFont = "\(family) 12"
    private static let labelFont = "\(family) 11"
    private static let valueFont = "\(family) 10"
    private static let margin = 24.0

    /// The chart's file in `format`.
    public func render(_ chart: BarChart, as format: ChartFormat) throws -> Data {
        let canvas = try ChartCanvas(format: format, width: width, height: height)
        canvas.fillRectangle(x: 0, y: 0, width: canvas.width, height: canvas.height, colour: .paper)

        var top = Self.margin
        canvas.text(chart.title, x: Self.margin, y: top, font: Self.titleFont)
        top += canvas.size(of: chart.title, font: Self.titleFont).height + 4
        if let subtitle = chart.subtitle {
            canvas.text(subtitle, x: Self.margin, y: top, font: Self.subtitleFont, colour: .muted)
            top += canvas.size(of: subtitle, font: Self.subtitleFont).height + 4
        }
        if chart.series.count > 1 {
            top += drawLegend(chart, on: canvas, top: top + 4) + 8
        }
        top += 12

        let axis = ValueAxis(largest: chart.largestBar)
        let tickLabels = axis.ticks.map { axis.label($0) }
        let labelHeight = canvas.size(of: "0", font: Self.labelFont).height
        let axisWidth = (tickLabels.map { canvas.size(of: $0, font: Self.labelFont).width }).max() ?? 0
        if let unit = chart.unit {
            canvas.text(unit, x: Self.margin, y: top, font: Self.labelFont, colour: .muted)
            top += labelHeight + 6
        }

        let plotLeft = Self.margin + axisWidth + 10
        let plotWidth = canvas.width - plotLeft - Self.margin
        let slot = plotWidth / Double(max(chart.categories.count, 1))
        let categoryWidths = chart.categories.map { canvas.size(of: $0, font: Self.labelFont).width }
        let turned = (categoryWidths.max() ?? 0) > slot - 6
        let turnAngle = 40.0
        let categoryBand = turned
            ? (categoryWidths.max() ?? 0) * sin(turnAngle * .pi / 180) + labelHeight + 10
            : labelHeight + 10
        let plot = BarChartLayout.Rectangle(x: plotLeft, y: top + labelHeight / 2, width: plotWidth,
                                            height: max(canvas.height - Self.margin - categoryBand - top - labelHeight / 2, 40))
        let layout = BarChartLayout(chart: chart, plot: plot, axis: axis)

        for (tick, label) in zip(axis.ticks, tickLabels) {
            let y = layout.y(of: tick)
            canvas.line(from: (plot.x, y), to: (plot.x + plot.width, y), colour: tick == 0 ? .muted : .grid)
            canvas.text(label, x: plot.x - 8, y: y - labelHeight / 2, font: Self.labelFont, colour: .muted, anchor: .end)
        }
        for bar in layout.bars where bar.frame.height > 0 {
            canvas.fillRectangle(x: bar.frame.x, y: bar.frame.y, width: bar.frame.width, height: bar.frame.height,
                                 colour: ChartColour.series(bar.series))
        }
        drawValues(chart, layout: layout, on: canvas)
        for (index, category) in chart.categories.enumerated() {
            let x = layout.centre(ofCategory: index)
            if turned {
                canvas.turnedText(category, endingAt: x + 4, y: plot.bottom + 8 + labelHeight / 2, degrees: turnAngle,
                                  font: Self.labelFont)
            } else {
                canvas.text(category, x: x, y: plot.bottom + 6, font: Self.labelFont, anchor: .middle)
            }
        }
        return try canvas.finish()
    }

    /// Renders the chart in the format its file name asks for and writes it there, replacing
    /// any file.
    public func write(_ chart: BarChart, to url: URL, as format: ChartFormat) throws {
        let data = try render(chart, as: format)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw ChartRenderError(operation: "writing \(url.path)", reason: error.localizedDescription)
        }
    }


    /// A row of coloured squares with the series' names; its height.
    private func drawLegend(_ chart: BarChart, on canvas: ChartCanvas, top: Double) -> Double {
        var x = Self.margin
        var y = top
        let height = canvas.size(of: "0", font: Self.labelFont).height
        for (index, series) in chart.series.enumerated() {
            let width = 14 + 6 + canvas.size(of: series.name, font: Self.labelFont).width + 18
            if x + width > canvas.width - Self.margin, x > Self.margin {
                x = Self.margin
                y += height + 4
            }
            canvas.fillRectangle(x: x, y: y + (height - 12) / 2, width: 12, height: 12, colour: ChartColour.series(index))
            canvas.text(series.name, x: x + 18, y: y, font: Self.labelFont)
            x += width
        }
        return y + height - top
    }

    /// The figure above each bar, or above each stack, where it fits in the bar's width.
    private func drawValues(_ chart: BarChart, layout: BarChartLayout, on canvas: ChartCanvas) {
        let decimals = chart.series.flatMap(\.values).contains { $0 != $0.rounded() } ? 1 : 0
        let height = canvas.size(of: "0", font: Self.valueFont).height
        switch chart.arrangement {
        case .grouped:
            for bar in layout.bars {
                let value = chart.series[bar.series].values[bar.category]
                let text = chart.series[bar.series].labels?[bar.category] ?? ValueAxis.grouped(value, decimals: decimals)
                guard canvas.size(of: text, font: Self.valueFont).width <= bar.frame.width + 8 else { continue }
                canvas.text(text, x: bar.frame.centreX, y: bar.frame.y - height - 2, font: Self.valueFont, anchor: .middle)
            }
        case .stacked:
            for category in chart.categories.indices {
                let total = chart.series.reduce(0) { $0 + max($1.values[category], 0) }
                let text = chart.totalLabels?[category] ?? ValueAxis.grouped(total, decimals: decimals)
                let slot = layout.slotWidth
                guard canvas.size(of: text, font: Self.valueFont).width <= slot - 4 else { continue }
                canvas.text(text, x: layout.centre(ofCategory: category), y: layout.y(of: total) - height - 2,
                            font: Self.valueFont, anchor: .middle)
            }
        }
    }
}
