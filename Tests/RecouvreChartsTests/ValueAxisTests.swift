import RecouvreCharts
import Testing

@Suite struct ValueAxisTests {
    @Test(arguments: [
        // largest, step, top: the step is 1, 2, 2.5 or 5 × 10ⁿ with at most 5 intervals.
        (76.0, 20.0, 80.0),
        (100.0, 20.0, 100.0),
        (101.0, 25.0, 125.0),
        (12_345.67, 2_500.0, 12_500.0),
        (3.0, 1.0, 3.0),
        (0.42, 0.1, 0.5),
        (1_000_000.0, 200_000.0, 1_000_000.0),
    ])
    func roundStepsAndATopAtOrAboveTheLargest(largest: Double, step: Double, top: Double) {
        let axis = ValueAxis(largest: largest)
        #expect(abs(axis.step - step) < 1e-9)
        #expect(abs(axis.top - top) < 1e-9)
        #expect(axis.top >= largest)
        #expect(axis.ticks.count - 1 <= 5)
        #expect(axis.ticks.first == 0)
    }

    @Test func anEmptyChartStillHasAnAxis() {
        let axis = ValueAxis(largest: 0)
        #expect(axis.top == 1)
        #expect(axis.ticks.count == 6)
    }

    @Test func labelsGroupThousandsAndDropNeedlessDecimals() {
        #expect(ValueAxis(largest: 12_345).label(12_500) == "12\u{202F}500")
        #expect(ValueAxis(largest: 0.42).label(0.1) == "0.1")
        #expect(ValueAxis.grouped(-1_234_567.891, decimals: 2) == "-1\u{202F}234\u{202F}567.89")
        #expect(ValueAxis.grouped(76.04, decimals: 1) == "76.0")
        #expect(ValueAxis.grouped(999, decimals: 0) == "999")
    }
}
