/// A bar chart: one bar per category and series, side by side or stacked.
///
/// Values are what the bars show, already exact figures turned into plot positions; a chart
/// computes nothing that is reported as a figure.
public struct BarChart: Equatable, Sendable {
    /// How several series share a category.
    public enum Arrangement: String, Sendable {
        /// Bars side by side: compare the series.
        case grouped
        /// One bar per category, the series piled up: compare the totals and their make-up.
        case stacked
    }

    /// The heading, e.g. "Aged balance — EUR".
    public var title: String
    /// A second line under the title, e.g. the tenant and the day.
    public var subtitle: String?
    /// The labels along the category axis, left to right.
    public var categories: [String]
    /// The series, each with one value per category.
    public var series: [BarSeries]
    public var arrangement: Arrangement
    /// What the values count, shown by the value axis, e.g. "EUR" or "days".
    public var unit: String?
    /// The exact figure to print above each stack (stacked charts), one per category; nil
    /// prints the plotted total.
    public var totalLabels: [String]?

    /// Makes a chart; every series must have one value per category.
    public init(title: String, subtitle: String? = nil, categories: [String], series: [BarSeries],
                arrangement: Arrangement = .grouped, unit: String? = nil, totalLabels: [String]? = nil) {
        precondition(series.allSatisfy { $0.values.count == categories.count }, "one value per category in every series")
        precondition(totalLabels == nil || totalLabels?.count == categories.count, "one total label per category")
        self.totalLabels = totalLabels
        self.title = title
        self.subtitle = subtitle
        self.categories = categories
        self.series = series
        self.arrangement = arrangement
        self.unit = unit
    }

    /// The tallest bar: the largest value, or the largest stack.
    public var largestBar: Double {
        switch arrangement {
        case .grouped:
            return series.flatMap(\.values).max() ?? 0
        case .stacked:
            return categories.indices.map { index in series.reduce(0) { $0 + max($1.values[index], 0) } }.max() ?? 0
        }
    }
}

/// One series of a bar chart: a name for the legend and a value per category.
public struct BarSeries: Equatable, Sendable {
    public var name: String
    public var values: [Double]
    /// The exact figure to print on each bar, e.g. "12 450.50"; nil prints the plotted value.
    public var labels: [String]?

    public init(name: String, values: [Double], labels: [String]? = nil) {
        precondition(labels == nil || labels?.count == values.count, "one label per value")
        self.name = name
        self.values = values
        self.labels = labels
    }
}
