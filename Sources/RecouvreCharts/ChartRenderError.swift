/// A chart that cairo could not draw or write.
public struct ChartRenderError: Error, Sendable, CustomStringConvertible {
    /// What was being done, e.g. "writing the PNG".
    public var operation: String
    /// cairo's reason.
    public var reason: String

    public var description: String { "\(operation): \(reason)" }
}
