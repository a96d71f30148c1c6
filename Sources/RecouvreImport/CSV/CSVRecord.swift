/// One record of a CSV file, its fields still as bytes in the file's encoding.
public struct CSVRecord: Sendable, Equatable {
    /// The 1-based line of the file where the record starts (a quoted field may span lines).
    public var line: Int
    /// The fields' bytes, quotes removed and doubled quotes undoubled.
    public var fields: [[UInt8]]
    /// What is wrong with the record's quoting, if anything.
    public var problem: String?

    public init(line: Int, fields: [[UInt8]], problem: String? = nil) {
        self.line = line
        self.fields = fields
        self.problem = problem
    }
}
