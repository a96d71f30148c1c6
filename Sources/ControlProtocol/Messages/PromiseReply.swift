/// Reply of `AddPromise`.
public struct PromiseReply: Codable, Sendable, Equatable {
    /// The promise recorded.
    public var promise: PromiseInfo
    /// Builds the reply.
    public init(promise: PromiseInfo) { self.promise = promise }
}
