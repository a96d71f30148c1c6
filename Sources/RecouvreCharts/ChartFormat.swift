/// The file formats a chart is rendered to.
public enum ChartFormat: String, CaseIterable, Sendable {
    case png
    case svg

    /// The format a file name asks for by its extension, if any.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return nil }
        self.init(rawValue: fileName[fileName.index(after: dot)...].lowercased())
    }
}
