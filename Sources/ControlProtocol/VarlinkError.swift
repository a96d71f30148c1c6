/// A varlink error reply: a fully qualified error name and its parameters.
public struct VarlinkError: Error, Sendable, Equatable {
    /// E.g. `org.varlink.service.MethodNotFound`.
    public var name: String
    /// The error's parameters.
    public var parameters: [String: VarlinkValue]

    /// An error named `name` with `parameters`.
    public init(name: String, parameters: [String: VarlinkValue] = [:]) {
        self.name = name
        self.parameters = parameters
    }

    /// The reply for an `io.recouvre.Control` error.
    public init(_ error: ControlError) {
        self.init(name: error.varlinkName, parameters: error.parameters)
    }

    /// No interface of the service has this name.
    public static func interfaceNotFound(_ interface: String) -> VarlinkError {
        standard("InterfaceNotFound", ["interface": .string(interface)])
    }

    /// The interface has no method of this name.
    public static func methodNotFound(_ method: String) -> VarlinkError {
        standard("MethodNotFound", ["method": .string(method)])
    }

    /// The interface declares the method but the service does not implement it.
    public static func methodNotImplemented(_ method: String) -> VarlinkError {
        standard("MethodNotImplemented", ["method": .string(method)])
    }

    /// A parameter, or a field of the request itself, is missing or has the wrong type.
    public static func invalidParameter(_ parameter: String) -> VarlinkError {
        standard("InvalidParameter", ["parameter": .string(parameter)])
    }

    /// The client may not call this method.
    public static let permissionDenied = standard("PermissionDenied", [:])

    /// The method needs `more` and the call did not set it.
    public static let expectedMore = standard("ExpectedMore", [:])

    private static func standard(_ member: String, _ parameters: [String: VarlinkValue]) -> VarlinkError {
        VarlinkError(name: VarlinkServiceInterface.qualified(member), parameters: parameters)
    }
}
