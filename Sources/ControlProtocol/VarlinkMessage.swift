import Foundation

/// Encodes and decodes the JSON of varlink messages; framing is the NUL byte that
/// ``VarlinkMessage/frame(_:)`` appends and ``VarlinkFrameDecoder`` strips.
public enum VarlinkMessage {
    /// A reply carrying `parameters`: `{"parameters":{…}}`.
    public static func reply<Parameters: Encodable>(_ parameters: Parameters) throws -> Data {
        try encoder().encode(ReplyEnvelope(parameters: parameters))
    }

    /// An error reply: `{"error":"name","parameters":{…}}`.
    public static func error(_ error: VarlinkError) -> Data {
        // A dictionary of strings and integers always encodes; the fallback keeps the
        // function total without a force-try.
        (try? encoder().encode(ErrorEnvelope(error: error.name, parameters: error.parameters)))
            ?? Data(#"{"error":"io.recouvre.Control.Failed","parameters":{"reason":"cannot encode error"}}"#.utf8)
    }

    /// A call: `{"method":"…","parameters":{…}}`, with `oneway` or `more` when set.
    public static func call<Parameters: Encodable>(
        _ method: String, _ parameters: Parameters, oneway: Bool = false, more: Bool = false
    ) throws -> Data {
        try encoder().encode(CallEnvelope(
            method: method, parameters: parameters, oneway: oneway ? true : nil, more: more ? true : nil))
    }

    /// `message` followed by the NUL byte that ends it on the wire.
    public static func frame(_ message: Data) -> Data {
        var framed = message
        framed.append(0)
        return framed
    }

    /// The encoder of every message: sorted keys make the bytes stable.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private struct ReplyEnvelope<P: Encodable>: Encodable {
        var parameters: P
    }

    private struct ErrorEnvelope: Encodable {
        var error: String
        var parameters: [String: VarlinkValue]
    }

    private struct CallEnvelope<P: Encodable>: Encodable {
        var method: String
        var parameters: P
        var oneway: Bool?
        var more: Bool?
    }
}
