/// Data in the database that this build cannot make sense of.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}
