import Foundation

/// A call as read from the wire, checked for shape but not yet routed.
public struct VarlinkRequest: Sendable, Equatable {
    /// The fully qualified method, e.g. `io.recouvre.Control.GetStatus`.
    public var method: String
    /// The call's parameters; an absent or null `parameters` is an empty object.
    public var parameters: [String: VarlinkValue]
    /// The client wants no reply.
    public var oneway: Bool
    /// The client accepts several replies.
    public var more: Bool
    /// The client wants to switch protocols after the reply.
    public var upgrade: Bool

    /// The interface part of ``method``, e.g. `io.recouvre.Control`; empty when it has none.
    public var interface: String {
        guard let dot = method.lastIndex(of: ".") else { return "" }
        return String(method[..<dot])
    }

    /// Parses a message (without its NUL).
    ///
    /// Throws `org.varlink.service.InvalidParameter` naming what is wrong: `request` when
    /// the bytes are not a JSON object, else the offending field (`method`, `parameters`,
    /// `oneway`, `more`, `upgrade`).
    public init(message: Data) throws(VarlinkError) {
        guard let value = try? JSONDecoder().decode(VarlinkValue.self, from: message),
              case .object(let members) = value
        else { throw .invalidParameter("request") }
        guard case .string(let method)? = members["method"], !method.isEmpty else {
            throw .invalidParameter("method")
        }
        switch members["parameters"] {
        case nil, .null?: parameters = [:]
        case .object(let object)?: parameters = object
        default: throw .invalidParameter("parameters")
        }
        func flag(_ key: String) throws(VarlinkError) -> Bool {
            switch members[key] {
            case nil, .null?: return false
            case .bool(let value)?: return value
            default: throw .invalidParameter(key)
            }
        }
        self.method = method
        oneway = try flag("oneway")
        more = try flag("more")
        upgrade = try flag("upgrade")
    }

    /// The parameters decoded as `type`.
    ///
    /// Throws `org.varlink.service.InvalidParameter` naming the first missing or
    /// mistyped parameter (a dotted path for nested ones).
    public func decodeParameters<P: Decodable>(_ type: P.Type) throws(VarlinkError) -> P {
        do {
            let data = try JSONEncoder().encode(parameters)
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw .invalidParameter(Self.parameterName(error) ?? fractionalMember ?? "parameters")
        } catch {
            throw .invalidParameter("parameters")
        }
    }

    /// Foundation reports a fractional number given for an integer without its path; such
    /// a number is then the likely culprit.
    private var fractionalMember: String? {
        parameters.keys.sorted().first { key in
            if case .double? = parameters[key] { return true }
            return false
        }
    }

    private static func parameterName(_ error: DecodingError) -> String? {
        let path: [any CodingKey]
        switch error {
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            path = context.codingPath
        @unknown default: path = []
        }
        let name = path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        return name.isEmpty ? nil : name
    }
}
