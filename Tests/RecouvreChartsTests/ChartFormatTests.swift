import RecouvreCharts
import Testing

@Suite struct ChartFormatTests {
    @Test func theExtensionNamesTheFormat() {
        #expect(ChartFormat(fileName: "aging.PNG") == .png)
        #expect(ChartFormat(fileName: "/tmp/report.svg") == .svg)
        #expect(ChartFormat(fileName: "report.pdf") == nil)
        #expect(ChartFormat(fileName: "png") == nil)
    }
}
