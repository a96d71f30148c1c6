/// Reply of `org.varlink.service.GetInterfaceDescription`.
public struct GetInterfaceDescriptionReply: Codable, Sendable, Equatable {
    /// The interface file's text.
    public var description: String

    /// Builds the reply.
    public init(description: String) {
        self.description = description
    }
}
