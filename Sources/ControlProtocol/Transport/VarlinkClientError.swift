/// Why a call through ``VarlinkClient`` failed, other than an `io.recouvre.Control` error.
public enum VarlinkClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing answers at `path`.
    case unreachable(path: String, reason: String)
    /// The daemon did not reply within the timeout.
    case timedOut(path: String)
    /// The daemon's bytes are not a varlink reply, or it closed the connection.
    case protocolError(String)
    /// The daemon replied with an error outside `io.recouvre.Control`, e.g.
    /// `org.varlink.service.MethodNotFound`.
    case varlinkError(VarlinkError)

    /// A sentence for people.
    public var description: String {
        switch self {
        case .unreachable(let path, let reason):
            "cannot reach recouvred at \(path): \(reason)"
        case .timedOut(let path):
            "recouvred at \(path) did not reply in time"
        case .protocolError(let message):
            "unexpected reply from recouvred: \(message)"
        case .varlinkError(let error):
            "recouvred replied \(error.name)"
                + (error.parameters.isEmpty
                    ? "" : " (" + error.parameters.sorted { $0.key < $1.key }.map { "\($0.key): \(Self.text($0.value))" }
                        .joined(separator: ", ") + ")")
        }
    }

    private static func text(_ value: VarlinkValue) -> String {
        switch value {
        case .string(let string): string
        case .int(let int): String(int)
        case .bool(let bool): String(bool)
        case .double(let double): String(double)
        case .null: "null"
        case .array, .object: "…"
        }
    }
}
