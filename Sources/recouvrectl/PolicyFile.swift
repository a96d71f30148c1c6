import Foundation
import Yams

/// Reads a policy document, YAML or JSON, and gives the JSON text the daemon decodes.
enum PolicyFile {
    struct Unreadable: Error {
        var message: String
    }

    /// JSON by the name's extension (.json) or, for other names and stdin, by a leading `{`;
    /// anything else is read as YAML.
    static func json(from data: Data, named name: String) throws(Unreadable) -> String {
        let text = String(decoding: data, as: UTF8.self)
        let lowered = name.lowercased()
        let isJSON = lowered.hasSuffix(".json")
            || (!lowered.hasSuffix(".yaml") && !lowered.hasSuffix(".yml") && text.drop { $0.isWhitespace }.first == "{")
        if isJSON {
            guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
                throw Unreadable(message: "\(name) is not a JSON object; a policy document is {\"name\": …, \"steps\": [...]}")
            }
            return text
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw Unreadable(message: "\(name) is not valid YAML: \(error)")
        }
        guard let node, case .mapping = node else {
            throw Unreadable(message: "\(name) is not a YAML mapping; a policy document starts with name: and steps:")
        }
        let object = value(of: node)
        guard let json = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { throw Unreadable(message: "\(name) cannot be turned into JSON") }
        return String(decoding: json, as: UTF8.self)
    }

    /// YAML to JSON values without YAML 1.1's guesses: a plain scalar is a boolean, null or an
    /// integer only when it plainly is one; everything else, `1250.40` and `10:30` included,
    /// stays a string, so amounts stay exact and times are not read as base-60 numbers.
    static func value(of node: Node) -> Any {
        switch node {
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping { object[key.string ?? "\(key)"] = self.value(of: value) }
            return object
        case .sequence(let sequence):
            return sequence.map { value(of: $0) }
        case .scalar(let scalar):
            guard scalar.style == .plain else { return scalar.string }
            switch scalar.string {
            case "true", "True", "TRUE", "yes", "Yes": return true
            case "false", "False", "FALSE", "no", "No": return false
            case "", "~", "null", "Null", "NULL": return NSNull()
            default:
                if let int = Int(scalar.string) { return int }
                return scalar.string
            }
        }
    }
}
