import RecouvreCharts
import Testing

@Suite struct TerminalBarChartTests {
    @Test func barsAreDrawnToTheEighthAndFollowedByTheExactFigure() {
        let chart = BarChart(title: "Aged balance", categories: ["not yet due", "1–30"],
                             series: [BarSeries(name: "EUR", values: [1000, 437.5])])
        let figures = ["1000.00", "437.50"]
        let lines = TerminalBarChart(chart: chart, barWidth: 8).lines { _, category in figures[category] }
        // 437.5/1000 × 8 characters × 8 eighths = 28 eighths: three full blocks and a half.
        #expect(lines == [
            "not yet due  ████████  1000.00",
            "1–30         ███▌      437.50",
        ])
    }

    @Test func groupedSeriesGetALineEachUnderTheirCategory() {
        let chart = BarChart(title: "Funnel", categories: ["reminder"],
                             series: [BarSeries(name: "reached", values: [4]), BarSeries(name: "paid", values: [2])])
        let lines = TerminalBarChart(chart: chart, barWidth: 4).lines { series, _ in series == 0 ? "4" : "2" }
        #expect(lines == [
            "reminder  reached  ████  4",
            "          paid     ██    2",
        ])
    }

    @Test func stackedPiecesAreShadedAndAddUpToTheTotal() {
        let chart = BarChart(title: "Collected", categories: ["2026-01", "2026-02"],
                             series: [BarSeries(name: "reminder", values: [30, 10]), BarSeries(name: "formal_notice", values: [10, 0])],
                             arrangement: .stacked)
        let lines = TerminalBarChart(chart: chart, barWidth: 8).lines { _, category in ["40.00", "10.00"][category] }
        #expect(lines[0] == "2026-01  ██████▓▓  40.00")
        #expect(lines[1] == "2026-02  ██        10.00")
        #expect(lines.last == "█ reminder   ▓ formal_notice")
    }

    @Test func colourWrapsEachSeriesInAnANSIEscape() {
        let chart = BarChart(title: "t", categories: ["a"], series: [BarSeries(name: "s", values: [1])])
        let line = TerminalBarChart(chart: chart, barWidth: 2, colour: true).lines { _, _ in "1" }[0]
        #expect(line.contains("\u{1B}[38;5;25m██\u{1B}[0m"))
    }
}
