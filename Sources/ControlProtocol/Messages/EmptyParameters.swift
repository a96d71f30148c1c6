/// The parameters of a method that takes none, encoded as `{}`.
public struct EmptyParameters: Codable, Sendable, Equatable {
    /// No parameters.
    public init() {}
}
