/// What `org.varlink.service.GetInfo` says about the service.
public struct VarlinkServiceInfo: Codable, Sendable, Equatable {
    /// Who makes the service.
    public var vendor: String
    /// The program serving the socket.
    public var product: String
    /// The program's version.
    public var version: String
    /// Where to learn more.
    public var url: String
    /// Interfaces served, `org.varlink.service` included.
    public var interfaces: [String]

    /// Describes a service.
    public init(vendor: String, product: String, version: String, url: String, interfaces: [String]) {
        self.vendor = vendor
        self.product = product
        self.version = version
        self.url = url
        self.interfaces = interfaces
    }

    /// The version reported when the daemon does not give its own.
    public static let defaultVersion = "0.1.0"

    /// recouvred serving `io.recouvre.Control` at `version`.
    public static func recouvred(version: String = defaultVersion) -> VarlinkServiceInfo {
        VarlinkServiceInfo(
            vendor: "Recouvre",
            product: "recouvred",
            version: version,
            url: "file:///usr/share/doc/recouvre/README.md",
            interfaces: [VarlinkServiceInterface.name, ControlInterface.name]
        )
    }
}
