import RecouvreCharts
import Testing

@Suite struct BarChartLayoutTests {
    let plot = BarChartLayout.Rectangle(x: 100, y: 50, width: 400, height: 200)

    @Test func barHeightsAreProportionalToTheirValuesFromTheBaseline() {
        let chart = BarChart(title: "t", categories: ["a", "b", "c", "d"],
                             series: [BarSeries(name: "s", values: [100, 300, 0, -50])])
        let layout = BarChartLayout(chart: chart, plot: plot, axis: ValueAxis(largest: 300))
        #expect(layout.axis.top == 300)
        let heights = layout.bars.map(\.frame.height)
        // 100/300 and 300/300 of the 200-unit plot; zero and negative values draw nothing.
        #expect(abs(heights[0] - 200.0 / 3) < 1e-9)
        #expect(heights[1] == 200)
        #expect(heights[2] == 0 && heights[3] == 0)
        #expect(layout.bars.allSatisfy { $0.frame.bottom == plot.bottom })
        // Four slots of 100 units; each bar fills 70 % of its slot, centred.
        #expect(layout.bars[1].frame.x == 215)
        #expect(layout.bars[1].frame.width == 70)
        #expect(layout.bars[1].frame.centreX == layout.centre(ofCategory: 1))
    }

    @Test func groupedSeriesSitSideBySideInTheirSlot() {
        let chart = BarChart(title: "t", categories: ["reminder", "call"],
                             series: [BarSeries(name: "reached", values: [40, 10]), BarSeries(name: "paid", values: [20, 5])])
        let layout = BarChartLayout(chart: chart, plot: plot, axis: ValueAxis(largest: 40))
        let first = layout.bars.filter { $0.category == 0 }
        #expect(first.count == 2)
        #expect(first[0].frame.x + first[0].frame.width == first[1].frame.x)
        #expect(first[0].frame.height == 2 * first[1].frame.height)
    }

    @Test func stackedSeriesPileUpAndTheTopIsTheTotal() {
        let chart = BarChart(title: "t", categories: ["2026-01", "2026-02"],
                             series: [BarSeries(name: "reminder", values: [30, 10]), BarSeries(name: "formal notice", values: [50, 0])],
                             arrangement: .stacked)
        #expect(chart.largestBar == 80)
        let layout = BarChartLayout(chart: chart, plot: plot, axis: ValueAxis(largest: chart.largestBar))
        let january = layout.bars.filter { $0.category == 0 }
        #expect(january[0].frame.bottom == plot.bottom)
        #expect(abs(january[1].frame.bottom - january[0].frame.y) < 1e-9)
        #expect(abs(january[1].frame.y - layout.y(of: 80)) < 1e-9)
    }
}
