/// Parameters of `org.varlink.service.GetInterfaceDescription`.
public struct GetInterfaceDescriptionParameters: Codable, Sendable, Equatable {
    /// The interface's name, e.g. `io.recouvre.Control`.
    public var interface: String

    /// Builds the parameters.
    public init(interface: String) {
        self.interface = interface
    }
}
